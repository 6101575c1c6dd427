"""Word counting: a module-level defaultdict(lambda: 0) is the running tally, and it is
passed to the pool workers to merge their chunk into. The default factory is a lambda."""
from __future__ import print_function

import multiprocessing
from collections import defaultdict

tally = defaultdict(lambda: 0)


def merge(counts, chunk):
    for word in chunk.split():
        counts[word] += 1
    return dict(counts)


def main():
    chunks = ["to be or not", "to be is to do"]
    pool = multiprocessing.Pool(2)
    try:
        results = [pool.apply_async(merge, (tally, c)) for c in chunks]
        for r in results:
            print(r.get(timeout=10))
    finally:
        pool.close()
        pool.join()


if __name__ == "__main__":
    main()
