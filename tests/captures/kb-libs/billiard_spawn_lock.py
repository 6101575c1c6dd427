# billiard (Celery's multiprocessing fork) under spawn: the Process target is a bound method
# of an object that owns a lock.
import threading

import billiard


class Poller:
    def __init__(self):
        self.lock = threading.Lock()

    def run(self):
        with self.lock:
            print("polling")

    def start(self):
        ctx = billiard.get_context("spawn")
        p = ctx.Process(target=self.run)
        p.start()
        p.join()


if __name__ == "__main__":
    Poller().start()
