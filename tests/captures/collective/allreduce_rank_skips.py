# Rank 0 evaluates and then all-reduces its metric; rank 1 skips the all_reduce (the
# evaluation branch runs on rank 0 only) and goes on with slow work. gloo's recv waits
# for the timeout given to init_process_group.
import datetime
import os
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp


def train(rank, world_size):
    dist.init_process_group("gloo", rank=rank, world_size=world_size,
                            timeout=datetime.timedelta(seconds=5))
    metric = torch.tensor([0.5 + rank])
    if rank == 0:
        dist.all_reduce(metric)  # only rank 0 reaches this collective
    else:
        time.sleep(12)           # the other rank is busy elsewhere
    dist.destroy_process_group()


if __name__ == "__main__":
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", "29512")
    mp.spawn(train, args=(2,), nprocs=2)
