# Version 2 of a class reads a three-item state; the pickle was written by version 1,
# whose __getstate__ returned two items.
import pickle


class Reading(object):
    def __init__(self, value, unit):
        self.value, self.unit = value, unit

    def __getstate__(self):
        return (self.value, self.unit)

    def __setstate__(self, state):
        self.value, self.unit = state


old = pickle.dumps(Reading(21.5, "C"))


def __setstate__(self, state):
    self.value, self.unit, self.taken_at = state


Reading.__setstate__ = __setstate__
print(pickle.loads(old).value)
