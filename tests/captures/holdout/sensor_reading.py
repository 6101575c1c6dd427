# Holdout: __reduce_ex__ whose first item is not callable, in a task sent with apply_async
# (bad-reduce).
from __future__ import print_function
import multiprocessing


class SensorReading(object):
    def __init__(self, sensor, value):
        self.sensor, self.value = sensor, value

    def __reduce_ex__(self, protocol):
        return ("SensorReading", (self.sensor, self.value))


def store(readings):
    return len(readings)


if __name__ == "__main__":
    pool = multiprocessing.Pool(2)
    try:
        print(pool.apply_async(store, ([SensorReading("t1", 20.5)],)).get(timeout=30))
    finally:
        pool.terminate()
