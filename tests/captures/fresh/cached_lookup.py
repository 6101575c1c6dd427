"""Geocoding with a memo: the lookup is built inside a factory so it can close over the
gazetteer, then wrapped in functools.lru_cache and handed to Pool.map."""
import functools
import multiprocessing as mp


def build_resolver(gazetteer):
    @functools.lru_cache(maxsize=1024)
    def resolve(place):
        return gazetteer.get(place.lower(), (0.0, 0.0))
    return resolve


def main():
    resolver = build_resolver({"paris": (48.85, 2.35), "oslo": (59.91, 10.75)})
    with mp.Pool(2) as pool:
        print(pool.map(resolver, ["Paris", "Oslo", "Lima"]))


if __name__ == "__main__":
    main()
