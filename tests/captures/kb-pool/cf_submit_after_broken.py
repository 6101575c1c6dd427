# The pool broke on the first batch (a worker exited); the loop logs that and goes on
# submitting the next batch to the same, now unusable, executor.
import logging
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def work(x):
    if x == 0:
        os._exit(3)
    return x


if __name__ == "__main__":
    logging.basicConfig(format="%(levelname)s %(message)s")
    ex = ProcessPoolExecutor(2)
    try:
        print(list(ex.map(work, [0, 1])))
    except BrokenProcessPool as e:
        logging.warning("batch 1 failed, going on: %s", e)
    print(list(ex.map(work, [2, 3])))
