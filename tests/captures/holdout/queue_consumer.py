# Holdout: a worker class starts its process from __init__ under forkserver, with no main guard
# in the script (missing-main-guard).
import multiprocessing


def consume(name):
    print("consumer %s ready" % name)


class Consumer(object):
    def __init__(self, name):
        ctx = multiprocessing.get_context("forkserver")
        self.proc = ctx.Process(target=consume, args=(name,))
        self.proc.start()


c = Consumer("orders")
c.proc.join()
print("exit code: %s" % c.proc.exitcode)
