# A pool task that opens its input file and keeps the handle in a module-level cache that
# is never closed: each worker leaks one descriptor per task until its own open() fails.
import multiprocessing
import os
import tempfile

handles = []


def count_bytes(path):
    f = open(path)
    handles.append(f)
    return len(f.read())


if __name__ == "__main__":
    folder = tempfile.mkdtemp()
    paths = []
    for i in range(300):
        path = os.path.join(folder, "part-%d.csv" % i)
        with open(path, "w") as f:
            f.write("a,b\n")
        paths.append(path)
    with multiprocessing.Pool(2) as pool:
        print(sum(pool.map(count_bytes, paths)))
