# A cache file left empty by a writer that crashed between open("wb") and pickle.dump.
import os
import pickle

open("cache.pkl", "wb").close()


def load_cache(path):
    if os.path.exists(path):
        with open(path, "rb") as fh:
            return pickle.load(fh)
    return {}


cache = load_cache("cache.pkl")
