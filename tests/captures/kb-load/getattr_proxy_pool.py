# A proxy object passed as a task argument: the worker unpickles it and __getattr__
# recurses in the worker process.
import multiprocessing


class RemoteHandle(object):
    def __init__(self, name):
        self._name = name

    def __getattr__(self, attr):
        return getattr(self._name, attr)


def work(handle):
    return handle.upper()


if __name__ == "__main__":
    pool = multiprocessing.Pool(1)
    res = pool.map_async(work, [RemoteHandle("a")])
    try:
        print(res.get(timeout=5))
    except multiprocessing.TimeoutError:
        print("no result after 5 s")
    pool.terminate()
