# A ProcessPoolExecutor worker (spawn) takes a lock of its own and is killed with SIGKILL,
# as the OOM killer does, while it holds it: the pool breaks, and at exit the resource
# tracker reports the semaphore nobody released.
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor


def render(page):
    lock = multiprocessing.Lock()
    with lock:
        if page == 3:
            os.kill(os.getpid(), signal.SIGKILL)
        return page * 2


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=ctx) as pool:
        print(list(pool.map(render, range(6))))
