"""Dask bag over the members of a zip archive, computed with the multiprocessing scheduler.
The mapped function closes over the open ZipFile, which dask's cloudpickle has to ship to
each worker process."""
import os
import tempfile
import zipfile

import dask.bag as db


def build_archive():
    path = os.path.join(tempfile.mkdtemp(), "invoices.zip")
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(4):
            zf.writestr("inv-%d.txt" % i, "total=%d\n" % (i * 10))
    return path


def main():
    archive = zipfile.ZipFile(build_archive())

    def total(name):
        return int(archive.read(name).decode().split("=")[1])

    bag = db.from_sequence(archive.namelist(), npartitions=2).map(total)
    print(sum(bag.compute(scheduler="processes", num_workers=2)))


if __name__ == "__main__":
    main()
