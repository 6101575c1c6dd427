# Holdout: Pool.starmap with a transform function defined inside the loader (local-object).
import multiprocessing
import sys


def load_batches(batches, scale):
    def transform(batch, factor):
        return [row * factor for row in batch]

    with multiprocessing.Pool(2) as pool:
        jobs = [(b, scale) for b in batches]
        return pool.starmap(transform, jobs)


if __name__ == "__main__":
    print("etl: loading %d batches" % 3)
    sys.stdout.flush()
    print(load_batches([[1, 2], [3, 4], [5]], 10))
