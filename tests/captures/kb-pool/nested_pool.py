# Not a broken pool: a Pool task tries to start its own Pool (daemonic workers cannot).
import multiprocessing


def inner(x):
    return x


def outer(n):
    with multiprocessing.Pool(2) as pool:
        return pool.map(inner, range(n))


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(outer, [2, 3]))
