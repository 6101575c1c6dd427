# One rank of torch.multiprocessing.spawn dies: SEGV (ctypes reads address 0), TERM
# (os.kill), or EXIT1 (sys.exit(1), which spawn's wrapper does not catch). The way is the
# first argument.
import ctypes
import os
import signal
import sys

import torch.multiprocessing as mp


def train(rank, how):
    if rank == 1:
        if how == "SEGV":
            ctypes.string_at(0)
        elif how == "EXIT1":
            sys.exit(1)
        else:
            os.kill(os.getpid(), getattr(signal, "SIG" + how))


if __name__ == "__main__":
    mp.spawn(train, args=(sys.argv[1],), nprocs=2)
