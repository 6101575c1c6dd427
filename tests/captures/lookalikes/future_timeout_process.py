# A look-alike of a dead or hung worker: a process pool's task is slower than the timeout
# the caller gives future.result(); the worker is alive and still computing.
import time
from concurrent.futures import ProcessPoolExecutor


def simulate(steps):
    time.sleep(3)
    return steps


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as pool:
        future = pool.submit(simulate, 1000)
        print(future.result(timeout=1))
