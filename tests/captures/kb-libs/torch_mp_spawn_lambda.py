# torch.multiprocessing.spawn with a lambda as the function to run in each process.
import torch.multiprocessing as mp


def main():
    mp.spawn(lambda rank: print("rank", rank), nprocs=2)


if __name__ == "__main__":
    main()
