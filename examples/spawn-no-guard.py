# A report job written without an `if __name__ == "__main__":` guard, run under the spawn start
# method: each child re-imports the script, reaches the executor again and stops with the
# bootstrapping RuntimeError; the parent then sees BrokenProcessPool.
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

multiprocessing.set_start_method("spawn", force=True)


def render(region):
    return "report-%s.pdf" % region


print("rendering reports")
with ProcessPoolExecutor(max_workers=2) as ex:
    print(list(ex.map(render, ["emea", "apac"])))
