# __getattr__ that reads an attribute unpickling has not restored yet: the C unpickler
# looks up __setstate__, __getattr__ recurses until the limit.
import pickle


class Wrapper:
    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)


blob = pickle.dumps(Wrapper([1, 2]))
restored = pickle.loads(blob)
