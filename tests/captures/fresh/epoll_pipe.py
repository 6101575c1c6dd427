"""A connection watcher that sends its state to a supervisor process over a Pipe. The state
object keeps the selector it polls with, and an epoll selector is an OS handle."""
import multiprocessing as mp
import selectors


class WatcherState:
    def __init__(self, name):
        self.name = name
        self.selector = selectors.DefaultSelector()
        self.open_connections = 0


def supervisor(conn):
    state = conn.recv()
    print("supervisor got", state.name)


def main():
    parent_end, child_end = mp.Pipe()
    proc = mp.Process(target=supervisor, args=(child_end,))
    proc.start()
    try:
        parent_end.send(WatcherState("edge-1"))
    finally:
        proc.terminate()
        proc.join()


if __name__ == "__main__":
    main()
