"""Settings objects are cached as pickles. The settings class forwards unknown attributes to
its backing dict through __getattr__; a freshly unpickled instance has no backing dict yet,
so looking it up calls __getattr__ again, forever."""
import pickle


class LazyConfig:
    def __init__(self, values):
        self._values = dict(values)

    def __getattr__(self, name):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name)


class PickleCache:
    def __init__(self):
        self._store = {}

    def put(self, key, obj):
        self._store[key] = pickle.dumps(obj)

    def get(self, key):
        return pickle.loads(self._store[key])


def main():
    cache = PickleCache()
    cache.put("settings", LazyConfig({"db_url": "postgres://db/app", "pool_size": 5}))
    settings = cache.get("settings")
    print(settings.db_url)


if __name__ == "__main__":
    main()
