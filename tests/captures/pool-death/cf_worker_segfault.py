# A worker crashes in native code (ctypes reads address 0, SIGSEGV) while it runs a task:
# the whole log of the run, as the terminal showed it.
import ctypes
from concurrent.futures import ProcessPoolExecutor


def resize(n):
    if n == 3:
        ctypes.string_at(0)
    return n * 2


if __name__ == "__main__":
    print("resizing 8 images")
    with ProcessPoolExecutor(2) as ex:
        for r in ex.map(resize, range(8)):
            print("done", r)
