# multiprocessing.Pool.apply_async with a lambda: the failure is raised by .get().
import multiprocessing


def main():
    pool = multiprocessing.Pool(2)
    pending = pool.apply_async(lambda n: n * 2, (21,))
    print("queued")
    try:
        print(pending.get(timeout=30))
    finally:
        pool.close()
        pool.join()


if __name__ == "__main__":
    main()
