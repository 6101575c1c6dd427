# The pool's initializer fails in every worker (a missing setting); the workers exit and
# the pool reports itself broken.
import os
from concurrent.futures import ProcessPoolExecutor

DB = None


def init_worker():
    global DB
    DB = os.environ["REPORTS_DB_URL"]


def render(region):
    return "%s from %s" % (region, DB)


if __name__ == "__main__":
    with ProcessPoolExecutor(2, initializer=init_worker) as ex:
        print(list(ex.map(render, ["emea", "apac"])))
