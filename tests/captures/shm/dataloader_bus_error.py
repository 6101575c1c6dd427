# A DataLoader whose workers hand 2 MiB batches back through shared memory, run where
# /dev/shm is 1 MiB (run.sh mounts it): each worker dies of SIGBUS writing its batch.
import torch
from torch.utils.data import DataLoader, Dataset


class Frames(Dataset):
    def __len__(self):
        return 64

    def __getitem__(self, i):
        return torch.full((512, 1024), float(i))


if __name__ == "__main__":
    for batch in DataLoader(Frames(), batch_size=4, num_workers=2):
        print(batch.shape)
