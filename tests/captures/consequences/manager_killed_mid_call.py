# A Manager's server process is killed (SIGKILL, as the OOM killer sends) while a client
# waits in a call to it: the reply never comes and the client's read of the connection fails.
import os
import signal
import threading
from multiprocessing import Manager


def main():
    manager = Manager()
    results = manager.Queue()
    threading.Timer(0.5, os.kill, (manager._process.pid, signal.SIGKILL)).start()
    print(results.get())


if __name__ == "__main__":
    main()
