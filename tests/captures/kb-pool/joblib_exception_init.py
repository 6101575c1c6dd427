# A joblib task raises an exception whose __init__ needs two arguments but passes one to
# Exception.__init__: it pickles in the worker and cannot be rebuilt in the parent.
from joblib import Parallel, delayed


class FitFailed(Exception):
    def __init__(self, fold, reason):
        super().__init__("fold %d: %s" % (fold, reason))
        self.fold = fold
        self.reason = reason


def fit(fold):
    raise FitFailed(fold, "singular matrix")


if __name__ == "__main__":
    print(Parallel(n_jobs=2)(delayed(fit)(k) for k in range(2)))
