# daemonic-children: what a Celery prefork task meets: a billiard pool worker (Celery's
# prefork pool) starts a multiprocessing Pool; billiard's own Process has no such check.
import multiprocessing

import billiard


def geocode(address):
    return address.lower()


def geocode_batch(addresses):
    with multiprocessing.Pool(2) as pool:
        return pool.map(geocode, addresses)


if __name__ == "__main__":
    with billiard.Pool(2) as pool:
        print(pool.map(geocode_batch, [["A St", "B St"], ["C St"]]))
