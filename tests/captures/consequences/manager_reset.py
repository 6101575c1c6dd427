# A Manager's server process stalls (stopped, as under heavy memory pressure) and is then
# killed (SIGKILL) with the client's request still unread: the client's read of the reply
# fails with a reset connection.
import os
import signal
import threading
from multiprocessing import Manager


def main():
    manager = Manager()
    totals = manager.dict()
    os.kill(manager._process.pid, signal.SIGSTOP)
    threading.Timer(0.5, os.kill, (manager._process.pid, signal.SIGKILL)).start()
    totals["rows"] = 10


if __name__ == "__main__":
    main()
