"""A home-made @parallel decorator: the wrapper maps the undecorated function over a Pool.
functools.wraps copies the name, so the module attribute `checksum` is the wrapper, and the
function the pool pickles by that name is a different object."""
import functools
import hashlib
import multiprocessing as mp


def parallel(fn):
    @functools.wraps(fn)
    def wrapper(items):
        with mp.Pool(2) as pool:
            return pool.map(fn, items)
    return wrapper


@parallel
def checksum(path):
    return hashlib.sha256(path.encode()).hexdigest()[:12]


if __name__ == "__main__":
    print(checksum(["a.txt", "b.txt", "c.txt"]))
