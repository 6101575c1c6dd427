# A Dataset moves each item to the GPU inside forked DataLoader workers. No GPU here: the
# bad-fork flag torch's fork handler sets after CUDA was initialised in the parent is set
# before the workers fork, and torch's own _lazy_init raises in the worker.
import torch
from torch.utils.data import DataLoader, Dataset


class Frames(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, i):
        return torch.full((2,), float(i)).cuda()


if __name__ == "__main__":
    torch.cuda._is_in_bad_fork = lambda: True
    loader = DataLoader(Frames(), batch_size=4, num_workers=2)
    for batch in loader:
        print(batch.shape)
