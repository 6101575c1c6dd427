# The parent of a spawn worker dies right after starting the child and before sending it
# anything (an OOM kill or `kill -9` at that moment). The stand-in: an audit hook that
# kills the parent when multiprocessing opens the pipe to write the child's data.
import multiprocessing
import os
import signal
import sys


def serve(n):
    print("worker", n)


def kill_before_send(event, args):
    if event == "open" and isinstance(args[0], int) and "w" in str(args[1]):
        os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    sys.addaudithook(kill_before_send)
    p = multiprocessing.Process(target=serve, args=(1,))
    p.start()
    p.join()
