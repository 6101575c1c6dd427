# A billiard pool (Celery's) whose job is terminated with SIGKILL while it runs, as
# Celery's revoke(terminate=True, signal="SIGKILL") does.
import time

from billiard import Pool


def crunch(n):
    time.sleep(n)
    return n


if __name__ == "__main__":
    pool = Pool(1)
    res = pool.apply_async(crunch, (60,))
    time.sleep(2)
    pool.terminate_job(res.worker_pids()[0], 9)
    print(res.get(timeout=30))
