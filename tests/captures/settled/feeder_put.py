# A lambda put on a multiprocessing.Queue: put() returns, the queue's feeder thread fails to
# pickle it and prints its traceback, and a consumer's get() would wait forever.
import multiprocessing
try:
    import queue
except ImportError:  # Python 2
    import Queue as queue


def main():
    q = multiprocessing.Queue()
    q.put(lambda: 1)
    print("put returned")
    try:
        q.get(timeout=3)
    except queue.Empty:
        print("get() timed out: the item never arrived")


if __name__ == "__main__":
    main()
