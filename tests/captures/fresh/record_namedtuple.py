"""CSV rows become namedtuples, but the type was created under a different name than the
variable holding it (Row = namedtuple("Record", ...)), so pickle cannot find it by name."""
import csv
import io
import multiprocessing as mp
from collections import namedtuple

Row = namedtuple("Record", ["sku", "qty", "price"])

DATA = "sku,qty,price\nA-1,2,9.5\nB-7,1,120.0\n"


def line_total(row):
    return row.sku, int(row.qty) * float(row.price)


def main():
    rows = [Row(**r) for r in csv.DictReader(io.StringIO(DATA))]
    with mp.Pool(2) as pool:
        print(pool.map(line_total, rows))


if __name__ == "__main__":
    main()
