# An older Python reads the pickle written by write_newer_protocol.py.
import pickle


def read_report(path):
    with open(path, "rb") as fh:
        return pickle.load(fh)


print(read_report("report.pkl"))
