# The job runner of process_per_job.py with billiard (Celery's fork of multiprocessing):
# one Process per job, all kept running, until os.pipe() in billiard's Process.start
# runs out of file descriptors.
import billiard as multiprocessing
import time


def simulate(job):
    time.sleep(3)


def spawn_all(jobs):
    running = []
    for job in jobs:
        p = multiprocessing.Process(target=simulate, args=(job,))
        p.start()
        running.append(p)
    return running


if __name__ == "__main__":
    for p in spawn_all(range(200)):
        p.join()
