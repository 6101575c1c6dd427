# A crawler starts its own worker process with a bound method as the target. Under fork
# (Linux up to 3.13) nothing is pickled; under forkserver (Linux's default from 3.14, set
# here explicitly) the Process, its target and the target's self are pickled.
import multiprocessing as mp
import threading


class Crawler:
    def __init__(self, urls):
        self.urls = urls
        self.lock = threading.Lock()

    def run(self):
        with self.lock:
            print(len(self.urls))

    def start(self):
        mp.Process(target=self.run, daemon=True).start()


if __name__ == "__main__":
    mp.set_start_method("forkserver")
    Crawler(["https://example.org"]).start()
