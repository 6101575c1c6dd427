# dask.distributed with worker processes: a submitted argument holds a thread lock.
import threading

from dask.distributed import Client, LocalCluster


class Cache:
    def __init__(self):
        self.items = {}
        self.lock = threading.Lock()


def lookup(cache, key):
    return cache.items.get(key)


if __name__ == "__main__":
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        print(client.submit(lookup, Cache(), "a").result())
