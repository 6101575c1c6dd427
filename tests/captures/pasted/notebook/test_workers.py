import multiprocessing as mp
import pickle
import unittest


def make_task(scale):
    def task(x):
        return x * scale
    return task


class Settings:
    """Reads its options from a dict, as attributes."""

    def __init__(self, options):
        self.options = options

    def __getattr__(self, name):
        return self.options[name]


class WorkersTest(unittest.TestCase):
    def test_pool_runs_tasks(self):
        with mp.get_context("spawn").Pool(1) as pool:
            self.assertEqual(pool.map(make_task(2), [1, 2]), [2, 4])

    def test_settings_round_trip(self):
        copy = pickle.loads(pickle.dumps(Settings({"retries": 3})))
        self.assertEqual(copy.retries, 3)


def test_settings_round_trip():
    copy = pickle.loads(pickle.dumps(Settings({"retries": 3})))
    assert copy.retries == 3
