# A function named build_* that defines a nested function and hands it to the pool itself:
# not a factory, the nested function never leaves build_report.
import multiprocessing


def build_report(rows):
    factor = 3

    def scale(row):
        return row * factor

    pool = multiprocessing.Pool(2)
    try:
        return pool.map(scale, rows)
    finally:
        pool.close()
        pool.join()


if __name__ == "__main__":
    print(build_report([1, 2, 3]))
