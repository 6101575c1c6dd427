# The forkserver variant of spawn_parent_killed.py: the parent is killed while the
# forkserver's new child is still reading the (large) process object.
import multiprocessing
import os
import signal
import threading
import time


def serve(model_bytes):
    print("worker got %d bytes" % len(model_bytes))


def count_descendants():
    seen, todo = 0, [os.getpid()]
    while todo:
        pid = todo.pop()
        tasks = "/proc/%d/task" % pid
        try:
            for t in os.listdir(tasks):
                kids = [int(k) for k in open("%s/%s/children" % (tasks, t)).read().split()]
                seen += len(kids)
                todo.extend(kids)
        except OSError:
            pass
    return seen


def oom_killer():
    # resource tracker, forkserver, then the worker forked by the forkserver
    while count_descendants() < 3:
        time.sleep(0.005)
    time.sleep(0.05)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    multiprocessing.set_start_method("forkserver")
    model = b"\x00" * (400 * 1024 * 1024)
    threading.Thread(target=oom_killer, daemon=True).start()
    p = multiprocessing.Process(target=serve, args=(model,))
    p.start()
    p.join()
