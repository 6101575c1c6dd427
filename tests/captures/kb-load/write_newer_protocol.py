# Producer for read_newer_protocol.py: a newer Python saves with its highest protocol.
import pickle

with open("report.pkl", "wb") as fh:
    pickle.dump({"rows": 10}, fh, protocol=pickle.HIGHEST_PROTOCOL)
