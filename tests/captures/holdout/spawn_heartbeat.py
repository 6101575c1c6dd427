# Holdout: Process(target=...) with a nested function under spawn (local-object).
import multiprocessing
import time


def start_monitor(interval):
    def heartbeat():
        time.sleep(interval)

    ctx = multiprocessing.get_context("spawn")
    proc = ctx.Process(target=heartbeat, name="heartbeat")
    proc.start()
    return proc


if __name__ == "__main__":
    start_monitor(0.1).join()
