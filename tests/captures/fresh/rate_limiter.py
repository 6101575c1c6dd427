"""A polite crawler: a dataclass holding a threading.Event used as a stop flag, whose bound
method is mapped over a ProcessPoolExecutor. The bound method carries self, self carries the
Event, the Event carries a Condition and its lock."""
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field


@dataclass
class RateLimiter:
    per_second: float
    stop: threading.Event = field(default_factory=threading.Event)

    def fetch(self, url):
        if self.stop.is_set():
            return None
        time.sleep(1.0 / self.per_second)
        return url, len(url)


def main():
    limiter = RateLimiter(per_second=20.0)
    urls = ["https://example.org/page/%d" % i for i in range(8)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        for url, size in pool.map(limiter.fetch, urls):
            print(url, size)


if __name__ == "__main__":
    main()
