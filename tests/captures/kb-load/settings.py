# Helper module for reload_pickle.py / reload_pool.py: a class and a function that the
# scripts import, then reload.
class Config(object):
    def __init__(self, rate=0.1):
        self.rate = rate


def score(x):
    return x * 2
