# Reads back a results file the way a notebook helper module would: the session cells
# (session_*.ipy) import it, so the traceback shows a cell frame and a frame of this file.
import pickle


def read_results(path):
    with open(path, "rb") as f:
        return pickle.load(f)


class Proxy:
    """Forwards attribute lookups to the object it wraps (set in __init__)."""

    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        return getattr(self._target, name)
