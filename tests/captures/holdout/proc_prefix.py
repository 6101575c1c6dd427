# Holdout: every worker logs its failure through a handler that prefixes each line of the record,
# traceback included, with [processName] (unpicklable-object repeated by workers).
import logging
import multiprocessing
import pickle
import threading


class PrefixEachLine(logging.Formatter):
    def format(self, record):
        text = logging.Formatter.format(self, record)
        prefix = "[%s] " % record.processName
        return "\n".join(prefix + line for line in text.splitlines())


class Cache(object):
    def __init__(self):
        self.guard = threading.RLock()
        self.entries = {}


def snapshot(n):
    log = logging.getLogger("worker")
    try:
        pickle.dumps(Cache())
    except Exception:
        log.exception("snapshot %d failed", n)
    return n


if __name__ == "__main__":
    handler = logging.StreamHandler()
    handler.setFormatter(PrefixEachLine("%(levelname)s %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("main").info("taking 4 snapshots")
    pool = multiprocessing.Pool(2)
    print(pool.map(snapshot, range(4), chunksize=1))
    pool.close()
    pool.join()
