# Holdout: a worker KeyError carried back by Pool.map: not a serialization failure.
import multiprocessing


def mean_of(record):
    return sum(record["values"]) / len(record["values"])


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(mean_of, [{"values": [1, 2]}, {"vals": [3]}]))
