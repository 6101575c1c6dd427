# dask.distributed: a generator passed as an argument of a remote task.
from dask.distributed import Client, LocalCluster


def total(rows):
    return sum(rows)


if __name__ == "__main__":
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        rows = (i * i for i in range(10))
        print(client.submit(total, rows).result())
