# joblib's default (loky) backend pickles the lambda by value with cloudpickle, so the lambda
# itself is fine; the module-level lock it uses travels with it and refuses.
import threading

from joblib import Parallel, delayed

lock = threading.Lock()


def main():
    results = Parallel(n_jobs=2)(delayed(lambda x: lock.locked() or x * 2)(i) for i in range(4))
    print(results)


if __name__ == "__main__":
    main()
