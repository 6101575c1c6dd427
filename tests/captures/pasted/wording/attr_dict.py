# A settings object whose keys read as attributes (`__getattr__ = dict.__getitem__`):
# pickle's lookup of __getstate__ gets KeyError instead of AttributeError.
import pickle


class AttrDict(dict):
    __getattr__ = dict.__getitem__
    __setattr__ = dict.__setitem__


settings = AttrDict(host="db1", port=5432)
blob = pickle.dumps(settings)
print(len(blob))
