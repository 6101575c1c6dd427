# A record whose __getattr__ reads a private dict: on 3.11+ pickle only trips over it when
# the copy is rebuilt (the instance has no _fields yet), with a KeyError of the dict key.
import pickle


class Record(object):
    def __init__(self, **fields):
        self.__dict__["_fields"] = fields

    def __getattr__(self, name):
        return self.__dict__["_fields"][name]


rec = Record(id=7, name="job")
blob = pickle.dumps(rec)
copy = pickle.loads(blob)
print(copy.name)
