"""Sessions are stored pickled and base64-encoded in a key-value store (as text); the reader
forgets to decode the base64 before unpickling."""
import base64
import pickle


class KVStore:
    def __init__(self):
        self._data = {}

    def set(self, key, text):
        self._data[key] = text.encode("ascii")

    def get(self, key):
        return self._data[key]


def save_session(store, sid, session):
    store.set("session:" + sid, base64.b64encode(pickle.dumps(session)).decode("ascii"))


def load_session(store, sid):
    raw = store.get("session:" + sid)
    return pickle.loads(raw)


def main():
    store = KVStore()
    save_session(store, "4f2a", {"user": 17, "cart": [3, 9]})
    print(load_session(store, "4f2a"))


if __name__ == "__main__":
    main()
