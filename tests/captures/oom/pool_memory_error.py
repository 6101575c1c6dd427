# A look-alike of a kill: under an address-space limit (run.sh runs it under prlimit --as)
# a pool worker's allocation fails and the worker raises MemoryError, which the pool
# reports in the parent. The worker was not killed.
from multiprocessing import Pool


def load_tile(n):
    return len(bytearray(n * 1024 * 1024 * 1024))


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(load_tile, [1, 2]))
