# joblib (loky) workers ended by a signal: SEGV (ctypes reads address 0), ABRT (os.abort()),
# TERM or KILL (os.kill). The signal is the first argument.
import ctypes
import os
import signal
import sys

from joblib import Parallel, delayed


def score(n):
    if n == 3:
        how = sys.argv[1]
        if how == "SEGV":
            ctypes.string_at(0)
        elif how == "ABRT":
            os.abort()
        else:
            os.kill(os.getpid(), getattr(signal, "SIG" + how))
    return n * n


if __name__ == "__main__":
    print(Parallel(n_jobs=2)(delayed(score)(i) for i in range(8)))
