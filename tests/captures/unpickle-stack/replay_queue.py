import pickle

try:
    loads = pickle._loads  # the pure-Python unpickler, the one joblib.load and dill build on
except AttributeError:
    loads = pickle.loads  # Python 2's pickle module is pure Python


def replay(blob):
    return loads(blob)


if __name__ == "__main__":
    # a queue entry whose first bytes were overwritten: REDUCE with nothing to call
    replay(b"(R.")
