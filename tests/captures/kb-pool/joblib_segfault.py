# A joblib (loky) worker crashes in native code.
import ctypes
from joblib import Parallel, delayed


def parse(blob):
    return ctypes.string_at(0)


if __name__ == "__main__":
    print(Parallel(n_jobs=2)(delayed(parse)(b) for b in [b"a", b"b", b"c"]))
