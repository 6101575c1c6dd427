# A look-alike of a dead or hung worker: a multiprocessing Pool's task is slower than the
# timeout the caller gives AsyncResult.get(); the worker is alive and still computing.
import time
from multiprocessing import Pool


def simulate(steps):
    time.sleep(3)
    return steps


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.apply_async(simulate, (1000,)).get(timeout=1))
