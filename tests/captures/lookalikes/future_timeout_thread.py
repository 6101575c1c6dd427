# A look-alike of a dead or hung worker: a thread pool's task is slower than the timeout
# the caller gives future.result(); the task is still running, nothing died.
import time
from concurrent.futures import ThreadPoolExecutor


def fetch_report(day):
    time.sleep(3)
    return day


if __name__ == "__main__":
    with ThreadPoolExecutor(2) as pool:
        future = pool.submit(fetch_report, "2024-05-01")
        print(future.result(timeout=1))
