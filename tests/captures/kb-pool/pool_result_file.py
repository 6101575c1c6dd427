# A Pool task opens its output file and returns the open handle instead of the path.
from __future__ import print_function
import multiprocessing
import os
import tempfile


def export(name):
    path = os.path.join(tempfile.gettempdir(), "export-%s.csv" % name)
    out = open(path, "w")
    out.write("id,value\n")
    return out


if __name__ == "__main__":
    pool = multiprocessing.Pool(2)
    try:
        print(pool.map(export, ["emea", "apac"]))
    finally:
        pool.terminate()
