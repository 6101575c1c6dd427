# A ranking service loads its model with pickle.  The checkout it runs from was cloned
# without git-lfs, so model.pkl is the LFS pointer file, not the model: the first byte
# pickle reads is 'v' (from "version https://git-lfs..."), and the log shows nothing more.
import logging
import os
import pickle

logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
log = logging.getLogger("ranker")

os.makedirs("models", exist_ok=True)
with open("models/model.pkl", "w") as f:
    f.write("version https://git-lfs.github.com/spec/v1\n"
            "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
            "size 48213\n")


def load_model(path):
    log.info("loading model from %s", path)
    with open(path, "rb") as f:
        return pickle.load(f)


if __name__ == "__main__":
    model = load_model("models/model.pkl")
    log.info("model ready: %s", type(model).__name__)
