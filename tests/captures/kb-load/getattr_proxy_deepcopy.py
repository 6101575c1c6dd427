# The same proxy trap through copy.deepcopy, which rebuilds objects with the pickle protocol.
import copy


class Settings(object):
    def __init__(self, values):
        self.values = values

    def __getattr__(self, name):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name)


base = Settings({"lr": 0.1})
clone = copy.deepcopy(base)
