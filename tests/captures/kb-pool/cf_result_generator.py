# A ProcessPoolExecutor task returns a generator instead of a list.
from concurrent.futures import ProcessPoolExecutor


def tokens(line):
    return (word.lower() for word in line.split())


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as ex:
        print(list(ex.map(tokens, ["Hello World", "Foo Bar"])))
