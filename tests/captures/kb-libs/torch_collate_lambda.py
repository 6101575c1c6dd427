# A module-level lambda as DataLoader collate_fn, workers started with spawn (the macOS and
# Windows default; forkserver, Linux's 3.14 default, pickles the same way).
import torch
from torch.utils.data import DataLoader, Dataset

collate = lambda batch: torch.cat(batch)


class Squares(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, i):
        return torch.tensor([i * i])


def main():
    loader = DataLoader(Squares(), batch_size=4, num_workers=2, collate_fn=collate,
                        multiprocessing_context="spawn")
    for batch in loader:
        print(batch)


if __name__ == "__main__":
    main()
