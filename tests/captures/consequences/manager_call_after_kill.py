# A Manager's server process is killed (SIGKILL, as the OOM killer sends) between two calls
# of a client: the next call fails on the Manager's connection.
import os
import signal
import time
from multiprocessing import Manager


def main():
    manager = Manager()
    progress = manager.dict()
    progress["done"] = 0
    os.kill(manager._process.pid, signal.SIGKILL)
    time.sleep(0.5)
    progress["done"] = 1


if __name__ == "__main__":
    main()
