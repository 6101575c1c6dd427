# A ProcessPoolExecutor task returns a closure: it cannot be pickled on the way back.
from concurrent.futures import ProcessPoolExecutor


def make_validator(limit):
    def validate(value):
        return value <= limit
    return validate


def work(limit):
    return make_validator(limit)


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as ex:
        print(ex.submit(work, 10).result())
