# A Pool task returns a function it built: the result cannot be pickled on the way back.
from __future__ import print_function
import multiprocessing


def make_scaler(factor):
    def scale(x):
        return x * factor
    return scale


def work(factor):
    return make_scaler(factor)


if __name__ == "__main__":
    pool = multiprocessing.Pool(2)
    scalers = pool.map(work, [1, 2, 3])
    print(scalers)
