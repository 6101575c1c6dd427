# Producer for read_py2_pickle.py (run with Python 2): a dict holding byte strings.
import pickle

with open("legacy.pkl", "wb") as fh:
    pickle.dump({"name": "caf\xc3\xa9", "n": 1}, fh, 2)
