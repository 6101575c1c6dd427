# Holdout: a relay persists its session state with pickle; the state holds an open socket
# (unpicklable-object).
import pickle
import socket
import tempfile


class RelaySession(object):
    def __init__(self, peer):
        self.peer = peer
        self.upstream = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sent = 0


def save_state(session, path):
    with open(path, "wb") as fh:
        pickle.dump({"session": session, "version": 3}, fh)


if __name__ == "__main__":
    session = RelaySession("10.0.4.17:9000")
    with tempfile.NamedTemporaryFile(suffix=".state") as tmp:
        save_state(session, tmp.name)
