# start-method-conflict: set_start_method at module level; each spawned child re-imports
# the main module and calls it again (the child's context was already set by spawn).
import multiprocessing

multiprocessing.set_start_method("spawn")


def work(x):
    print("child got", x)


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, args=(1,))
    p.start()
    p.join()
    print("child exit code", p.exitcode)
