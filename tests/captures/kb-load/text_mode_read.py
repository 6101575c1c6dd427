# A binary pickle opened in text mode for reading.
import pickle

with open("session.pkl", "wb") as fh:
    pickle.dump({"user": 42}, fh)

with open("session.pkl") as fh:
    session = pickle.load(fh)
