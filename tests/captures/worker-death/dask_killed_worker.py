# A Dask task kills the worker that runs it, on every worker it is retried on, until the
# scheduler gives up with KilledWorker. The signal is the first argument: KILL (the nanny
# logs "killed by signal 9", as after an OOM kill) or SEGV.
import logging
import os
import signal
import sys

from dask.distributed import Client, LocalCluster


def parse(n):
    os.kill(os.getpid(), getattr(signal, "SIG" + sys.argv[1]))
    return n


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            print(client.submit(parse, 1).result())
