# A worker of a ProcessPoolExecutor killed while its task runs: BrokenProcessPool.
import concurrent.futures as cf
import os
import signal


def work(x):
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    with cf.ProcessPoolExecutor(1) as ex:
        ex.submit(work, 1).result()
