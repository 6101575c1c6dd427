# A DataLoader worker exits with status 2 (a decoding library calls exit() on a bad file).
import os

import torch
from torch.utils.data import DataLoader, Dataset


class Clips(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, i):
        if i == 5:
            os._exit(2)
        return torch.zeros(4)


if __name__ == "__main__":
    for batch in DataLoader(Clips(), batch_size=2, num_workers=2):
        print(batch.shape)
