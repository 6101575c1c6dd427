# Look-alike (no finding): errno 28 while writing a pickled checkpoint (/dev/full: a full disk).
import pickle


def save_checkpoint(state, path):
    with open(path, "wb") as f:
        pickle.dump(state, f)


if __name__ == "__main__":
    save_checkpoint({"weights": list(range(100000))}, "/dev/full")
