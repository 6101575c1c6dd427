# concurrent.futures: executor.map with a lambda, the failure raised while iterating results.
import concurrent.futures


def main():
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as executor:
        results = executor.map(lambda n: n * 2, [1, 2, 3])
        for value in results:
            print(value)


if __name__ == "__main__":
    main()
