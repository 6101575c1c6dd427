# A look-alike of a kill: under an address-space limit (run.sh runs it under prlimit --as)
# numpy cannot allocate an array in a pool worker and raises _ArrayMemoryError, which the
# pool reports in the parent. The worker was not killed.
from multiprocessing import Pool

import numpy


def load_tile(rows):
    return float(numpy.ones((rows, 4096)).sum())


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(load_tile, [1024, 1 << 20]))
