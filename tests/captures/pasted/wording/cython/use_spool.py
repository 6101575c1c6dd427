import pickle
from multiprocessing import Pool
import spool

def size(s):
    return 1

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(size, [spool.Spool(3)]))
