# The job runner of process_per_job.py that cancels every job when one cannot start: the
# job whose start failed is in the list too, has no process to terminate, and the cleanup
# fails with a second, chained error.
import multiprocessing
import time


def simulate(job):
    time.sleep(3)


def cancel_all(running):
    for p in running:
        p.terminate()


def spawn_all(jobs):
    running = []
    try:
        for job in jobs:
            p = multiprocessing.Process(target=simulate, args=(job,))
            running.append(p)
            p.start()
    except OSError:
        cancel_all(running)
    return running


if __name__ == "__main__":
    for p in spawn_all(range(200)):
        p.join()
