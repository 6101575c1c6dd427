# Holdout: __reduce__ returns a lambda as the reconstructor (local-object; a bad __reduce__).
from __future__ import print_function
import pickle


class Invoice(object):
    def __init__(self, number, total):
        self.number = number
        self.total = total

    def __reduce__(self):
        return (lambda n, t: Invoice(n, t), (self.number, self.total))


if __name__ == "__main__":
    blob = pickle.dumps(Invoice("INV-1042", 99.5), protocol=2)
    print(len(blob))
