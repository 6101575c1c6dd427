# A task that raises an ordinary exception in a worker process: the pool pickles it back,
# and the parent re-raises it with the worker's traceback attached (a RemoteTraceback).
# Nothing here fails to pickle.  Usage: python worker_error.py pool|executor
import sys
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def ratio(pair):
    total, count = pair
    return total / count


def main(kind):
    rows = [(10, 2), (3, 0), (8, 4)]
    if kind == "pool":
        with mp.Pool(2) as pool:
            print(pool.map(ratio, rows))
    else:
        with ProcessPoolExecutor(2) as ex:
            print(list(ex.map(ratio, rows)))


if __name__ == "__main__":
    main(sys.argv[1])
