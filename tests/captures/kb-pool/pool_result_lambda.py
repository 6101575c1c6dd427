# A Pool task returns a module-level lambda (a "strategy" picked per input).
from __future__ import print_function
import multiprocessing

double = lambda x: x * 2


def pick(kind):
    return double if kind == "double" else abs


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(pick, ["double", "abs"]))
