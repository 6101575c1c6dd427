# A billiard (Celery's pool) worker exits with status 3 in the middle of a job.
import os
from billiard import Pool


def work(x):
    os._exit(3)


if __name__ == "__main__":
    pool = Pool(2)
    print(pool.apply_async(work, (1,)).get(timeout=20))
