# One rank of torch.multiprocessing.spawn is killed with SIGKILL, as the OOM killer does
# when a rank's memory passes the limit.
import os
import signal

import torch.multiprocessing as mp


def train(rank):
    if rank == 1:
        os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    mp.spawn(train, nprocs=2)
