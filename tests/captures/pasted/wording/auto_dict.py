# Missing attributes spring into existence as empty AutoDicts, so pickle's lookup of
# __getstate__ returns one and pickle calls it.
import pickle


class AutoDict(dict):
    def __getattr__(self, name):
        if name not in self:
            self[name] = AutoDict()
        return self[name]


config = AutoDict(a=3)
print(len(pickle.dumps(config)))
