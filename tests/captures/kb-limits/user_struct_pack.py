# Look-alike (no finding): struct.error from the program's own struct.pack, no multiprocessing.
import struct


def header(length):
    return struct.pack("!i", length)


if __name__ == "__main__":
    print(header(3 * 1024 ** 3))
