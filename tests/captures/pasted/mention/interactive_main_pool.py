import multiprocessing as mp

def square(x):
    return x * x

if __name__ == "__main__":
    mp.set_start_method("spawn")
    with mp.Pool(1) as pool:
        print(pool.map(square, [1, 2]))
