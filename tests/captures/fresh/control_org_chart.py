"""Control (not a serialization failure): walking an org chart up to its root in a pool
worker; the data has a reporting cycle, so the recursion never ends. A RecursionError, but
not one raised while pickling or unpickling."""
from concurrent.futures import ProcessPoolExecutor

REPORTS_TO = {"ana": "bo", "bo": "cy", "cy": "ana", "dee": "cy"}


def chain_to_root(person):
    boss = REPORTS_TO.get(person)
    if boss is None:
        return [person]
    return [person] + chain_to_root(boss)


def main():
    with ProcessPoolExecutor(max_workers=2) as pool:
        for chain in pool.map(chain_to_root, ["dee"]):
            print(" -> ".join(chain))


if __name__ == "__main__":
    main()
