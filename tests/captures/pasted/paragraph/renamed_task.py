# The task function is reachable only under another name: its __qualname__ is looked up in
# __main__ when it is pickled for the pool, and is not there any more.
import multiprocessing


def pair_distance(a, b):
    return abs(a - b)


distance = pair_distance
del pair_distance

if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.starmap(distance, [(1, 4), (2, 9)]))
