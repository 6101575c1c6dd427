# A supervisor starts its workers from threads and exits hard (os._exit) on the first
# error. The report worker's target is a lambda, which cannot be pickled under spawn; the
# supervisor dies while it is still sending the loader worker its (large) data, so the
# loader child reads a truncated pickle. (The supervisor waits until the loader's process
# exists before starting the report worker, to make that moment reproducible.)
import multiprocessing
import os
import threading
import time
import traceback


def load(blob):
    print("loaded %d bytes" % len(blob))


def start(name, target, args=()):
    p = multiprocessing.Process(name=name, target=target, args=args)
    p.start()
    return p


def count_children():
    tasks = "/proc/%d/task" % os.getpid()
    return sum(len(open("%s/%s/children" % (tasks, t)).read().split())
               for t in os.listdir(tasks))


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    blob = b"\x00" * (400 * 1024 * 1024)
    threading.Thread(target=start, args=("loader", load, (blob,))).start()
    while count_children() < 2:
        time.sleep(0.005)
    time.sleep(0.03)
    try:
        start("report", lambda: print("report"))
    except Exception:
        traceback.print_exc()
        os._exit(1)
