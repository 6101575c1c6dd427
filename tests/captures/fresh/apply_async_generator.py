"""A log shipper reads a big file lazily and passes the generator of lines to a worker with
apply_async. The failure is caught and reported with logging.exception, whose format puts a
timestamp, the level and the process name on the message line only."""
import logging
import multiprocessing as mp
import os
import tempfile

log = logging.getLogger("logship")


def count_errors(lines):
    return sum(1 for line in lines if " ERROR " in line)


def read_lines(path):
    with open(path) as fh:
        for line in fh:
            yield line


def main():
    logging.basicConfig(format="%(asctime)s %(levelname)s [%(processName)s] %(name)s: %(message)s",
                        level=logging.INFO)
    path = os.path.join(tempfile.mkdtemp(), "app.log")
    with open(path, "w") as fh:
        fh.write("2024-05-01 ERROR boom\n2024-05-01 INFO ok\n")
    log.info("shipping %s", path)
    with mp.Pool(2) as pool:
        result = pool.apply_async(count_errors, (read_lines(path),))
        try:
            log.info("errors: %d", result.get(timeout=10))
        except Exception:
            log.exception("shipping failed for %s", path)
            raise SystemExit(1)


if __name__ == "__main__":
    main()
