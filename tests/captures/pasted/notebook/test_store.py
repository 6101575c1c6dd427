import pickle


def read_state(path):
    with open(path, "rb") as f:
        return pickle.load(f)


def test_state_loads(tmp_path):
    p = tmp_path / "state.pkl"
    p.write_bytes(b"")
    assert read_state(p) == {}
