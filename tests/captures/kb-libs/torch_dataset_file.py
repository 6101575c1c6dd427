# A Dataset that opens its file in __init__ and keeps the handle; spawn pickles the Dataset
# for every worker.
import torch
from torch.utils.data import DataLoader, Dataset


class Shards(Dataset):
    def __init__(self, path):
        with open(path, "wb") as f:
            f.write(bytes(range(64)))
        self.fh = open(path, "rb")

    def __len__(self):
        return 8

    def __getitem__(self, i):
        self.fh.seek(i * 8)
        return torch.tensor(list(self.fh.read(8)))


def main():
    loader = DataLoader(Shards("shards.bin"), batch_size=4, num_workers=2,
                        multiprocessing_context="spawn")
    for batch in loader:
        print(batch.shape)


if __name__ == "__main__":
    main()
