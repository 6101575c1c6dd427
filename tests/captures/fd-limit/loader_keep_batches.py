# A DataLoader whose batches are all kept in a list: with torch's default file_descriptor
# sharing strategy every tensor received from a worker holds an open file descriptor, so
# keeping them runs the main process out of descriptors.
import torch
from torch.utils.data import DataLoader, Dataset


class Frames(Dataset):
    def __len__(self):
        return 4000

    def __getitem__(self, i):
        return torch.full((4,), float(i))


if __name__ == "__main__":
    kept = []
    for batch in DataLoader(Frames(), batch_size=1, num_workers=2):
        kept.append(batch)
    print(len(kept))
