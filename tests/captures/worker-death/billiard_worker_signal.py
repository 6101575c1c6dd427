# A billiard (Celery's pool) worker ended by SIGTERM or SIGSEGV while it runs a job: the
# pool reports WorkerLostError. The signal is the first argument: TERM or SEGV.
import os
import signal
import sys

from billiard.pool import Pool


def thumbnail(n):
    if n == 3:
        os.kill(os.getpid(), getattr(signal, "SIG" + sys.argv[1]))
    return n


if __name__ == "__main__":
    pool = Pool(2)
    try:
        print(pool.apply_async(thumbnail, (3,)).get(timeout=30))
    finally:
        pool.terminate()
