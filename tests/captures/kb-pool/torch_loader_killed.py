# A DataLoader worker is killed with SIGKILL (as the OOM killer does) while loading a batch.
import os
import signal

import torch
from torch.utils.data import DataLoader, Dataset


class Frames(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, i):
        if i == 3:
            os.kill(os.getpid(), signal.SIGKILL)
        return torch.zeros(4)


if __name__ == "__main__":
    for batch in DataLoader(Frames(), batch_size=2, num_workers=2):
        print(batch.shape)
