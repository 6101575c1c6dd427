# A scoring helper that builds a new Pool on every call and keeps it "for the final
# cleanup", which never comes before the limit: each call leaks the pool's pipes, its
# semaphores and its workers' sentinels until the process reaches its file-descriptor
# limit.
import multiprocessing

open_pools = []


def square(x):
    return x * x


def score(batch):
    pool = multiprocessing.Pool(4)
    open_pools.append(pool)
    return sum(pool.map(square, batch))


if __name__ == "__main__":
    total = 0
    for step in range(500):
        total += score(range(8))
    for pool in open_pools:
        pool.close()
    print(total)
