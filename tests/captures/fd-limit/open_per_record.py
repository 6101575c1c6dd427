# The look-alike: a program's own open() in a loop, files never closed, no multiprocessing.
import os
import tempfile


def export(records, folder):
    handles = []
    for i, record in enumerate(records):
        f = open(os.path.join(folder, "record-%d.txt" % i), "w")
        f.write(record)
        handles.append(f)
    return handles


if __name__ == "__main__":
    export(["row"] * 5000, tempfile.mkdtemp())
