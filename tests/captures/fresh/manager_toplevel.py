"""A metrics collector that creates its shared Manager at import time, with the spawn start
method selected for macOS parity. The manager's server process re-imports this module."""
import multiprocessing as mp

mp.set_start_method("spawn", force=True)
registry = mp.Manager().dict()


def record(name, value):
    registry[name] = value


if __name__ == "__main__":
    record("requests", 10)
    print(dict(registry))
