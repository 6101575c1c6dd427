# A nested function handed to a process pool: "Can't pickle local object" (3.6-3.12).
import multiprocessing as mp


def run():
    def square(x):
        return x * x
    with mp.Pool(2) as pool:
        return pool.map(square, range(4))


if __name__ == "__main__":
    run()
