# payload-too-large: one Pool task argument of more than 2 GiB.
import multiprocessing


def checksum(blob):
    return len(blob)


if __name__ == "__main__":
    blob = b"\0" * (2 * 1024 ** 3 + 16)
    pool = multiprocessing.Pool(1)
    print(pool.map(checksum, [blob]))
