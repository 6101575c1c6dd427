"""Each worker should seed its RNG once: the initializer is written inline as a lambda. Under
the forkserver start method the pool's Process objects are pickled, lambda included."""
import multiprocessing as mp
import random


def sample(n):
    return [random.random() for _ in range(n)]


def main():
    ctx = mp.get_context("forkserver")
    with ctx.Pool(2, initializer=lambda: random.seed(1234)) as pool:
        print(pool.map(sample, [1, 2, 3]))


if __name__ == "__main__":
    main()
