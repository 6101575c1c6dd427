# Piped to `python -`: a spawn child cannot import a main module read from stdin, so the
# task's function is not found there; each worker dies on its first task and the pool
# starts another.
import multiprocessing as mp


def square(x):
    return x * x


if __name__ == '__main__':
    mp.set_start_method('spawn')
    with mp.Pool(4) as pool:
        print(pool.map(square, range(4)))
