# A gzip-compressed pickle opened with plain open().
import gzip
import pickle

with gzip.open("features.pkl.gz", "wb") as fh:
    pickle.dump({"f1": [1, 2, 3]}, fh)

with open("features.pkl.gz", "rb") as fh:
    features = pickle.load(fh)
