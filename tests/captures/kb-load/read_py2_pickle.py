# Python 3 reads the Python 2 pickle written by write_py2_pickle.py with the default encoding.
import pickle

with open("legacy.pkl", "rb") as fh:
    legacy = pickle.load(fh)
