# dask.distributed: scatter() sends data to the workers with distributed.protocol; an object
# holding a lock cannot be serialized.
import threading

from dask.distributed import Client, LocalCluster


class Cache:
    def __init__(self):
        self.items = {"a": 1}
        self.lock = threading.Lock()


if __name__ == "__main__":
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        print(client.scatter(Cache()))
