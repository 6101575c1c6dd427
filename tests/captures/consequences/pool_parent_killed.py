# The parent of a Pool is killed with SIGKILL, as the OOM killer does (the parent is often
# the largest process), while its workers compute: each worker's send of its result fails,
# since nobody holds the reading end of the result pipe any more.
import os
import signal
import time
from multiprocessing import Pool


def score(n):
    time.sleep(1)
    return n * n


if __name__ == "__main__":
    pool = Pool(2)
    pending = pool.map_async(score, range(2))
    time.sleep(0.3)
    os.kill(os.getpid(), signal.SIGKILL)
