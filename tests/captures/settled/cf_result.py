# concurrent.futures: a lambda submitted to a ProcessPoolExecutor; the failure surfaces where
# the future's result is collected, not where it was submitted.
import concurrent.futures


def main():
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as executor:
        future = executor.submit(lambda n: n * 2, 21)
        print("submitted")
        print(future.result())


if __name__ == "__main__":
    main()
