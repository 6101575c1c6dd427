# A joblib task returns a generator; loky cannot pickle it back.
from joblib import Parallel, delayed


def tokens(line):
    return (w.lower() for w in line.split())


if __name__ == "__main__":
    print(Parallel(n_jobs=2)(delayed(tokens)(s) for s in ["Hello World", "Foo Bar"]))
