# Not a pickle failure: a test that compares a class before and after it is redefined.
import unittest


class Config(object):
    pass


OLD = Config


class Config(object):  # noqa: F811 (redefined on purpose)
    pass


class IdentityTest(unittest.TestCase):
    def test_same_class(self):
        self.assertIs(OLD, Config)


if __name__ == "__main__":
    unittest.main()
