# A transform defined inside the function that builds the Dataset; DataLoader workers are
# started with spawn, so the Dataset (and its transform) is pickled.
import torch
from torch.utils.data import DataLoader, Dataset


class Images(Dataset):
    def __init__(self, n, transform):
        self.n = n
        self.transform = transform

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return self.transform(torch.full((2,), float(i)))


def build_dataset(scale):
    def normalize(x):
        return x / scale
    return Images(8, normalize)


def main():
    loader = DataLoader(build_dataset(255.0), batch_size=4, num_workers=2,
                        multiprocessing_context="spawn")
    for batch in loader:
        print(batch.shape)


if __name__ == "__main__":
    main()
