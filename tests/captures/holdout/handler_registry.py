# Holdout: a handler registered under an alias whose real name was deleted from the module
# (main-lookup).
from __future__ import print_function
import multiprocessing


def _normalise(record):
    return record.strip().lower()

HANDLERS = {"normalise": _normalise}
del _normalise

if __name__ == "__main__":
    pool = multiprocessing.Pool(2)
    try:
        print(pool.map(HANDLERS["normalise"], ["  A ", "B  "]))
    finally:
        pool.terminate()
