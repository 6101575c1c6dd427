# Holdout: a crawler module that starts a ProcessPoolExecutor at import time under spawn
# (missing-main-guard).
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

multiprocessing.set_start_method("spawn", force=True)


def fetch(url):
    return len(url)


urls = ["https://example.org/a", "https://example.org/b"]
pool = ProcessPoolExecutor(max_workers=1)
print(list(pool.map(fetch, urls)))
