"""Control (not a serialization failure): per-group averages computed in a Pool with
imap_unordered; one group is empty and the worker divides by zero. The worker's exception
travels back to the parent pickled, and is re-raised there."""
import multiprocessing as mp


def average(group):
    name, values = group
    return name, sum(values) / len(values)


def main():
    groups = [("north", [3, 4, 5]), ("south", []), ("east", [10])]
    with mp.Pool(2) as pool:
        for name, avg in pool.imap_unordered(average, groups):
            print(name, avg)


if __name__ == "__main__":
    main()
