# A Pool task raises an exception that carries the lock it was holding: the exception
# cannot be pickled to be re-raised in the parent.
from __future__ import print_function
import multiprocessing
import threading


class SyncFailed(Exception):
    def __init__(self, msg, lock):
        Exception.__init__(self, msg)
        self.lock = lock


def sync(shard):
    raise SyncFailed("shard %d out of date" % shard, threading.Lock())


if __name__ == "__main__":
    pool = multiprocessing.Pool(2)
    try:
        print(pool.map(sync, [1, 2]))
    finally:
        pool.terminate()
