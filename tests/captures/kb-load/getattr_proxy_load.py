# A proxy whose __getattr__ reads an attribute that __init__ sets: unpickling creates the
# object without __init__, looks up __setstate__, and __getattr__ recurses forever.
import pickle


class LazyProxy(object):
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        return getattr(self._target, name)


blob = pickle.dumps(LazyProxy([1, 2, 3]))
restored = pickle.loads(blob)
