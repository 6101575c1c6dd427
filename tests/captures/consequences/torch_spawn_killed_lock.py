# torch.multiprocessing.spawn: each rank makes a lock (a POSIX semaphore the resource
# tracker records); rank 1 is killed with SIGKILL, as the OOM killer does, while it holds
# its lock, so the semaphore is never released and the tracker reports it at exit.
import os
import signal
import time

import torch.multiprocessing as mp


def train(rank):
    lock = mp.get_context("spawn").Lock()
    with lock:
        if rank == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(2)


if __name__ == "__main__":
    mp.spawn(train, nprocs=2)
