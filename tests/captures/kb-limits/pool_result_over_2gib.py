# payload-too-large: a Pool task returns one result of more than 2 GiB (its repr is short,
# as a numpy array's is, so the worker can still report the failure).
import multiprocessing


class Frame(object):
    def __init__(self, n):
        self.data = b"\0" * n

    def __repr__(self):
        return "<Frame of %d bytes>" % len(self.data)


def render(n):
    return Frame(n)


if __name__ == "__main__":
    pool = multiprocessing.Pool(1)
    print(pool.map(render, [2 * 1024 ** 3 + 16]))
