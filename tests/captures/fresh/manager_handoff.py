"""Progress reporting for a batch of imports: the Manager itself (not one of its proxies) is
handed to the workers so they can "create their own dict". The manager owns its server
process and an authkey, which refuse to be pickled."""
import multiprocessing as mp


def import_batch(args):
    manager, batch_id = args
    progress = manager.dict()
    progress[batch_id] = "done"
    return batch_id


def main():
    with mp.Manager() as manager:
        with mp.Pool(2) as pool:
            done = pool.map(import_batch, [(manager, i) for i in range(4)])
    print("imported", done)


if __name__ == "__main__":
    main()
