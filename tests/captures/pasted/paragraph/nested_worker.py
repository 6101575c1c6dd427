# A pool is handed a function defined inside another function: pickle cannot name it.
import multiprocessing


def build_index(paths):
    def tokenize(path):
        return path.split("/")

    with multiprocessing.Pool(2) as pool:
        return pool.map(tokenize, paths)


if __name__ == "__main__":
    print(build_index(["docs/a.txt", "docs/b.txt"]))
