# A script that starts a worker process at the top level, with no main guard, under the
# spawn start method: the child re-imports this file and refuses with the bootstrapping
# RuntimeError.
import multiprocessing


def checksum(path):
    return sum(bytearray(path.encode()))


ctx = multiprocessing.get_context("spawn")
worker = ctx.Process(target=checksum, args=("inbox/report.csv",))
worker.start()
worker.join()
print("worker exit code", worker.exitcode)
