import pickle

open("cache.pkl", "wb").close()
with open("cache.pkl", "rb") as f:
    cache = pickle.load(f)
