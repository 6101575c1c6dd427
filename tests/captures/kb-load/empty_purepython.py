# An empty file read by the pure-Python unpickler.
import pickle

open("cache.pkl", "wb").close()
with open("cache.pkl", "rb") as fh:
    cache = pickle._Unpickler(fh).load()
