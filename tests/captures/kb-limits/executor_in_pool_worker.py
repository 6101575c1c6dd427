# daemonic-children: a Pool task creates a ProcessPoolExecutor (its workers start lazily, at submit).
import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def score(x):
    return x * 2


def score_all(xs):
    with ProcessPoolExecutor(max_workers=2) as ex:
        return list(ex.map(score, xs))


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(score_all, [[1, 2], [3]]))
