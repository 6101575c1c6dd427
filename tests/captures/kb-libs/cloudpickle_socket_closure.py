# cloudpickle serializes the closure by value; the socket it captured cannot be pickled.
import socket

import cloudpickle


def make_sender(sock):
    return lambda payload: sock.sendall(payload)


sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
blob = cloudpickle.dumps(make_sender(sock))
