# Holdout: __reduce__ returning a tuple with too many items (bad-reduce).
from __future__ import print_function
import pickle


class CacheEntry(object):
    def __init__(self, key, value):
        self.key, self.value = key, value

    def __reduce__(self):
        return (CacheEntry, (self.key, self.value), None, None, None, None, None)


if __name__ == "__main__":
    print(len(pickle.dumps({"k": CacheEntry("k", 1)}, protocol=2)))
