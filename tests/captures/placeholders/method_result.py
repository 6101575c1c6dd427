# A bound method as the task, returning something pickle refuses: the pool cannot send the
# result back. The task function is w.run, an attribute of an object, not a name the
# script's module has: "m.run" would not exist.
import multiprocessing
import threading


class Worker(object):
    def run(self, x):
        return threading.Lock()


def main():
    w = Worker()
    with multiprocessing.Pool(2) as pool:
        print(pool.map(w.run, [1, 2]))


if __name__ == "__main__":
    main()
