# The repository was cloned without git-lfs: model.pkl is the LFS pointer text, not the model.
import pickle

with open("model.pkl", "w") as fh:
    fh.write("version https://git-lfs.github.com/spec/v1\n"
             "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
             "size 132456789\n")


def load_model(path):
    with open(path, "rb") as fh:
        return pickle.load(fh)


model = load_model("model.pkl")
