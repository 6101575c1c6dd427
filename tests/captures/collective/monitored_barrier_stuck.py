# A rank stuck in slow work while rank 0 waits at a monitored_barrier (gloo only),
# which names the ranks that did not arrive.
import datetime
import os
import time

import torch.distributed as dist
import torch.multiprocessing as mp


def train(rank, world_size):
    dist.init_process_group("gloo", rank=rank, world_size=world_size,
                            timeout=datetime.timedelta(seconds=30))
    if rank == 1:
        time.sleep(12)  # e.g. a checkpoint written by this rank only
    dist.monitored_barrier(timeout=datetime.timedelta(seconds=5))
    dist.destroy_process_group()


if __name__ == "__main__":
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", "29513")
    mp.spawn(train, args=(2,), nprocs=2)
