# A library called by a joblib task calls os._exit(3) on a fatal condition.
import os
from joblib import Parallel, delayed


def fit(fold):
    if fold == 1:
        os._exit(3)
    return fold


if __name__ == "__main__":
    print(Parallel(n_jobs=2)(delayed(fit)(k) for k in range(4)))
