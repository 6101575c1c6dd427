"""Control (not a serialization failure): a ProcessPoolExecutor worker unpickles cached
feature rows without trouble, then looks up a column the cache does not have. Pickle is in
the frames and the source lines, but the failure is a plain KeyError."""
import pickle
from concurrent.futures import ProcessPoolExecutor

CACHE = {
    "2024-05": pickle.dumps([{"user": 1, "clicks": 4}, {"user": 2, "clicks": 9}]),
}


def load_cached_features(month):
    rows = pickle.loads(CACHE[month])
    return sum(row["dwell_time"] for row in rows)


def main():
    with ProcessPoolExecutor(max_workers=2) as pool:
        print(pool.submit(load_cached_features, "2024-05").result())


if __name__ == "__main__":
    main()
