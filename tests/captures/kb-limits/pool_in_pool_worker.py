# daemonic-children: a Pool task starts its own Pool; pool workers are daemonic.
import multiprocessing


def resize(path):
    return path.upper()


def convert_batch(paths):
    pool = multiprocessing.Pool(2)
    try:
        return pool.map(resize, paths)
    finally:
        pool.close()


if __name__ == "__main__":
    outer = multiprocessing.Pool(2)
    print(outer.map(convert_batch, [["a.png", "b.png"], ["c.png"]]))
