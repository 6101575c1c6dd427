# Not a pickle failure: Python 3 code run by Python 2, whose os module has no scandir.
import os


def entries(path):
    return [e.name for e in os.scandir(path)]


print(entries("."))
