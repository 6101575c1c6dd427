# A service starts a spawn worker with a large argument; while the parent is still writing
# that argument into the child's pipe, the parent is killed with SIGKILL (what the OOM
# killer or `kill -9` does). The stand-in killer waits until the worker's process exists
# (the parent's second child: the first is multiprocessing's resource tracker).
import multiprocessing
import os
import signal
import threading
import time


def serve(model_bytes):
    print("worker got %d bytes" % len(model_bytes))


def count_children():
    tasks = "/proc/%d/task" % os.getpid()
    return sum(len(open("%s/%s/children" % (tasks, t)).read().split())
               for t in os.listdir(tasks))


def oom_killer():
    while count_children() < 2:
        time.sleep(0.005)
    time.sleep(0.05)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    model = b"\x00" * (400 * 1024 * 1024)
    threading.Thread(target=oom_killer, daemon=True).start()
    p = multiprocessing.Process(target=serve, args=(model,))
    p.start()
    p.join()
