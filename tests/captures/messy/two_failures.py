# Messy fixture: a batch runner hits two distinct failures: stage 1 hands a lambda to Pool.map
# (reported with traceback.print_exc() and skipped), stage 2 pickles a config that holds an open
# log file (uncaught).
from __future__ import print_function
import multiprocessing
import pickle
import sys
import traceback


def stage1():
    pool = multiprocessing.Pool(2)
    try:
        return pool.map(lambda x: x * x, range(5))
    finally:
        pool.terminate()


def stage2():
    config = {"name": "nightly", "log": open("/dev/null", "w")}
    return pickle.dumps(config)


if __name__ == "__main__":
    print("stage 1: squares")
    try:
        stage1()
    except Exception:
        traceback.print_exc()
        print("stage 1 skipped", file=sys.stderr)
    print("stage 2: save config")
    stage2()
