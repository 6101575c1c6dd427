"""Python 2 health checker: each probe keeps the socket it will reuse, and the probes are
mapped over a multiprocessing Pool. Python 2's protocol-2 pickling of a socket object fails
deep in copy_reg with a message that does not say "pickle"."""
import multiprocessing
import socket


class Probe(object):
    def __init__(self, host, port):
        self.host = host
        self.port = port
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def check(probe):
    probe.sock.settimeout(0.5)
    return probe.host, probe.sock.connect_ex((probe.host, probe.port)) == 0


def main():
    probes = [Probe("127.0.0.1", 22), Probe("127.0.0.1", 6379)]
    pool = multiprocessing.Pool(2)
    try:
        for host, up in pool.map(check, probes):
            print host, up
    finally:
        pool.close()
        pool.join()


if __name__ == "__main__":
    main()
