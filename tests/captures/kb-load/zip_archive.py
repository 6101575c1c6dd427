# A zip archive (the layout torch.save writes: archive/data.pkl, archive/version) loaded with
# pickle.load instead of the library's own loader.
import pickle
import zipfile

with zipfile.ZipFile("checkpoint.pt", "w") as zf:
    zf.writestr("archive/data.pkl", pickle.dumps({"epoch": 3}, protocol=2))
    zf.writestr("archive/version", "3\n")

with open("checkpoint.pt", "rb") as fh:
    state = pickle.load(fh)
