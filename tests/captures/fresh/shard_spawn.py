"""A reindexing job that defines its work item class under the main guard (where the
argument parsing is), then hands instances to a spawn-based ProcessPoolExecutor. The spawned
workers import the script as __mp_main__, without running the guarded block."""
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor


def reindex(shard):
    return shard.name, shard.size * 2


if __name__ == "__main__":
    class Shard:
        def __init__(self, name, size):
            self.name = name
            self.size = size

    shards = [Shard("idx-%d" % i, 10 * i) for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 4)]
    with ProcessPoolExecutor(max_workers=2, mp_context=mp.get_context("spawn")) as pool:
        for name, size in pool.map(reindex, shards):
            print(name, size)
