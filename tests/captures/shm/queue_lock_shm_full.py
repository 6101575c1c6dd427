# A multiprocessing Queue created where /dev/shm is full (run.sh fills it, as segments
# left by crashed runs do): its Lock's sem_open cannot create the semaphore's file.
import multiprocessing as mp

if __name__ == "__main__":
    q = mp.Queue()
    q.put("ready")
    print(q.get())
