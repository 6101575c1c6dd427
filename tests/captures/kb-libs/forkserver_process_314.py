# What Process.start() sends under forkserver (Linux's default from 3.14): the Process object,
# pickled with multiprocessing's ForkingPickler while marked as spawning, as Popen does.
# Pyodide has no processes, so the pickling is done here directly.
import threading
from multiprocessing import context, reduction


class Crawler:
    def __init__(self, urls):
        self.urls = urls
        self.lock = threading.Lock()

    def run(self):
        with self.lock:
            print(len(self.urls))


crawler = Crawler(["https://example.org"])
proc = context.Process(target=crawler.run, daemon=True)
context.set_spawning_popen(object())
reduction.ForkingPickler.dumps(proc)
