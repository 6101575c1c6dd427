# A Dataset whose __getitem__ opens its sample file and keeps the handle in a cache that
# is never closed, under the file_system sharing strategy: each DataLoader worker leaks
# one descriptor per sample until the shared memory object for the next batch cannot be
# opened.
import os
import tempfile

import torch
import torch.multiprocessing
from torch.utils.data import DataLoader, Dataset

torch.multiprocessing.set_sharing_strategy("file_system")


class Samples(Dataset):
    def __init__(self, folder, n):
        self.paths = []
        self.handles = {}
        for i in range(n):
            path = os.path.join(folder, "sample-%d.txt" % i)
            with open(path, "w") as f:
                f.write(str(i))
            self.paths.append(path)

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        if i not in self.handles:
            self.handles[i] = open(self.paths[i])
        f = self.handles[i]
        f.seek(0)
        return torch.full((4,), float(f.read()))


if __name__ == "__main__":
    samples = Samples(tempfile.mkdtemp(), 400)
    for batch in DataLoader(samples, batch_size=1, num_workers=2):
        pass
