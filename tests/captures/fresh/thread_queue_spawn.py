"""A producer hands a queue.Queue (the threading one, not multiprocessing.Queue) to a
consumer process started with the spawn method. The Process object is pickled for the child,
the queue's locks with it; the child is left reading an empty pipe."""
import multiprocessing as mp
import queue


def consume(q):
    while True:
        item = q.get()
        if item is None:
            break
        print("consumed", item)


def main():
    ctx = mp.get_context("spawn")
    q = queue.Queue()
    consumer = ctx.Process(target=consume, args=(q,))
    consumer.start()
    for i in range(3):
        q.put(i)
    q.put(None)
    consumer.join()


if __name__ == "__main__":
    main()
