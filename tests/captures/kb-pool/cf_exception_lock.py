# A ProcessPoolExecutor task raises an exception holding a lock: the exception cannot be
# sent back to the parent.
import threading
from concurrent.futures import ProcessPoolExecutor


class SyncFailed(Exception):
    def __init__(self, msg, lock):
        super().__init__(msg)
        self.lock = lock


def sync(shard):
    raise SyncFailed("shard %d out of date" % shard, threading.Lock())


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as ex:
        print(ex.submit(sync, 3).result())
