# payload-too-large: one object of more than 4 GiB sent through a Pipe.
import multiprocessing


def consume(conn):
    print(len(conn.recv()))


if __name__ == "__main__":
    parent, child = multiprocessing.Pipe()
    p = multiprocessing.Process(target=consume, args=(child,))
    p.start()
    frames = b"\0" * (4 * 1024 ** 3 + 16)
    try:
        parent.send(frames)
    finally:
        p.terminate()
        p.join()
