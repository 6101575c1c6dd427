# A ProcessPoolExecutor worker ended by a signal that is not a kill for memory: SIGTERM
# (a supervisor stopping it), SIGABRT (os.abort(), as a C library's abort() does). The
# signal is the first argument: TERM or ABRT.
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor


def resize(n):
    if n == 3:
        if sys.argv[1] == "ABRT":
            os.abort()
        os.kill(os.getpid(), signal.SIGTERM)
    return n * 2


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        print(list(pool.map(resize, range(6))))
