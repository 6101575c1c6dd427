# A worker ends itself with os._exit(1) while it runs a task (a library calling exit()):
# the whole log of the run, as the terminal showed it.
import os
from concurrent.futures import ProcessPoolExecutor


def resize(n):
    if n == 3:
        os._exit(1)
    return n * 2


if __name__ == "__main__":
    print("resizing 8 images")
    with ProcessPoolExecutor(2) as ex:
        for r in ex.map(resize, range(8)):
            print("done", r)
