# A copy interrupted half way: the pickle file ends in the middle of a frame.
import pickle

blob = pickle.dumps(list(range(5000)), protocol=4)
with open("table.pkl", "wb") as fh:
    fh.write(blob[: len(blob) // 2])

with open("table.pkl", "rb") as fh:
    table = pickle.load(fh)
