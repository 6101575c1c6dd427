# A pool task raises an exception whose __init__ takes an argument it does not pass to
# Exception.__init__: the parent's result handler cannot rebuild it.  Python 2's unpickler
# reports the failed call as a tuple (message, class, arguments); the pool then hangs, so
# the run is ended by its timeout (run.sh kills it after 60 s).
import multiprocessing


class FetchError(Exception):
    def __init__(self, url):
        Exception.__init__(self)
        self.url = url


def fetch(url):
    raise FetchError(url)


if __name__ == "__main__":
    pool = multiprocessing.Pool(2)
    print(pool.map(fetch, ["http://example.invalid/a"]))
