# A job runner that starts one Process per job and keeps them all running: each started
# process keeps a pipe end open in the parent, so under a low `ulimit -n` the parent runs
# out of file descriptors at os.pipe() in Process.start.
import multiprocessing
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
