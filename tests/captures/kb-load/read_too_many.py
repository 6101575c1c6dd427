# Three records were appended; the reader asks for a fourth.
import pickle

with open("events.pkl", "wb") as fh:
    for i in range(3):
        pickle.dump({"event": i}, fh)

with open("events.pkl", "rb") as fh:
    events = [pickle.load(fh) for _ in range(4)]
