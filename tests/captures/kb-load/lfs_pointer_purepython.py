# The LFS pointer read by the pure-Python unpickler, which is what joblib.load subclasses:
# its dispatch table has no entry for the first byte.
import pickle

with open("model.joblib", "w") as fh:
    fh.write("version https://git-lfs.github.com/spec/v1\n"
             "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
             "size 132456789\n")

with open("model.joblib", "rb") as fh:
    model = pickle._Unpickler(fh).load()
