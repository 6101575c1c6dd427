# Holdout: a class defined under the main guard, its instance passed as a Process argument under
# spawn: the child cannot find it (main-lookup).
import multiprocessing


def run_job(spec):
    print("running", spec.name)


if __name__ == "__main__":
    class JobSpec(object):
        def __init__(self, name):
            self.name = name

    ctx = multiprocessing.get_context("spawn")
    p = ctx.Process(target=run_job, args=(JobSpec("reindex"),))
    p.start()
    p.join()
    print("child exit code: %s" % p.exitcode)
