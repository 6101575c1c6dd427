# A worker crashes in native code (here ctypes reading address 0, as a buggy C extension
# would): the executor loses the process and breaks.
import ctypes
from concurrent.futures import ProcessPoolExecutor


def parse(blob):
    return ctypes.string_at(0)


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as ex:
        print(list(ex.map(parse, [b"a", b"b"])))
