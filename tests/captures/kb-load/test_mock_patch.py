# A unittest pickles a real object while mock.patch has replaced its class in the module.
import pickle
import unittest
from unittest import mock


class Invoice(object):
    def __init__(self, total):
        self.total = total


class InvoiceTest(unittest.TestCase):
    def test_cache_roundtrip(self):
        inv = Invoice(3)
        with mock.patch("__main__.Invoice"):
            pickle.dumps(inv)


if __name__ == "__main__":
    unittest.main()
