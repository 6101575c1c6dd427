# A spawn Pool started at import time, without the main guard: each child re-imports this
# module, starts a Pool of its own and fails to bootstrap; the pool keeps respawning them.
import multiprocessing as mp

mp.set_start_method('spawn', force=True)


def square(x):
    return x * x


with mp.Pool(4) as pool:
    print(pool.map(square, range(4)))
