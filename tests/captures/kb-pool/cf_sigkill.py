# A worker is killed with SIGKILL, as the Linux OOM killer does, while it builds a result.
import os
import signal
from concurrent.futures import ProcessPoolExecutor


def build_index(shard):
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as ex:
        futures = [ex.submit(build_index, s) for s in range(4)]
        for f in futures:
            print(f.result())
