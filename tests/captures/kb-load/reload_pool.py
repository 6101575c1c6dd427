# A function imported before a reload is handed to a process pool after it.
import importlib
import multiprocessing
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import settings

score = settings.score
importlib.reload(settings)

if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(score, range(4)))
