# A model pickled by a package that is not installed where it is loaded.
import pickle

# What the pickle says: rebuild legacy_pipeline.features.Scaler (protocol 2).
BLOB = b"\x80\x02clegacy_pipeline.features\nScaler\nq\x00)\x81q\x01}q\x02X\x04\x00\x00\x00meanq\x03G\x00\x00\x00\x00\x00\x00\x00\x00sb."
with open("model.pkl", "wb") as fh:
    fh.write(BLOB)


def load_model(path):
    with open(path, "rb") as fh:
        return pickle.load(fh)


model = load_model("model.pkl")
