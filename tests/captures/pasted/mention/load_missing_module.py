# A pickle that names a module the loading process cannot import: written with a class
# from a module "models" made on the fly, loaded after that module is gone.
import os
import pickle
import sys
import tempfile

d = tempfile.mkdtemp()
with open(os.path.join(d, "models.py"), "w") as f:
    f.write("class Net:\n    pass\n")
sys.path.insert(0, d)
import models  # noqa: E402

blob = pickle.dumps(models.Net())
sys.path.remove(d)
del sys.modules["models"]
os.remove(os.path.join(d, "models.py"))
with open(os.path.join(d, "net.pkl"), "wb") as f:
    f.write(blob)
with open(os.path.join(d, "net.pkl"), "rb") as f:
    net = pickle.load(f)
