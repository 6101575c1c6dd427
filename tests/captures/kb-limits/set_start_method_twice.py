# start-method-conflict: a library sets the start method, then the application sets it again.
import multiprocessing


def configure_workers():
    multiprocessing.set_start_method("spawn")


def work(x):
    return x + 1


if __name__ == "__main__":
    configure_workers()
    multiprocessing.set_start_method("forkserver")
    with multiprocessing.Pool(2) as pool:
        print(pool.map(work, range(3)))
