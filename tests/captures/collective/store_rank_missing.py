# Rank 1 never starts: rank 0 waits in init_process_group for its peer, through the
# c10d TCPStore, until the (short) timeout given to init_process_group runs out.
import datetime
import os

import torch.distributed as dist
import torch.multiprocessing as mp


def train(rank, world_size):
    if rank == 1:
        return  # this rank crashed before joining (bad config, missing GPU, ...)
    dist.init_process_group("gloo", rank=rank, world_size=world_size,
                            timeout=datetime.timedelta(seconds=5))
    dist.destroy_process_group()


if __name__ == "__main__":
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", "29511")
    mp.spawn(train, args=(2,), nprocs=2)
