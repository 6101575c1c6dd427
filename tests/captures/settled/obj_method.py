# A pool handed a method of a local object (not self.method): the object holds a lock.
import multiprocessing
import threading


class Resizer(object):
    def __init__(self, factor):
        self.factor = factor
        self.lock = threading.Lock()

    def resize(self, width):
        with self.lock:
            return width * self.factor


def main():
    resizer = Resizer(2)
    pool = multiprocessing.Pool(2)
    try:
        print(pool.map(resizer.resize, [640, 800, 1024]))
    finally:
        pool.close()
        pool.join()


if __name__ == "__main__":
    main()
