# A DataLoader worker is ended by a signal while it loads a batch: TERM, SEGV or KILL
# (os.kill from the worker itself). The signal is the first argument.
import os
import signal
import sys

import torch
from torch.utils.data import DataLoader, Dataset


class Frames(Dataset):
    def __len__(self):
        return 64

    def __getitem__(self, i):
        if i == 40:
            os.kill(os.getpid(), getattr(signal, "SIG" + sys.argv[1]))
        return torch.zeros(4)


if __name__ == "__main__":
    for batch in DataLoader(Frames(), batch_size=8, num_workers=2):
        pass
