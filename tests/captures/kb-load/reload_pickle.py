# A module is reloaded (importlib.reload, as IPython's %autoreload or a dev server does)
# while an instance of its old class is still alive; pickling the instance then fails.
import importlib
import os
import pickle
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import settings

cfg = settings.Config(rate=0.5)
reload = getattr(importlib, "reload", None) or __builtins__.reload
reload(settings)
with open("cfg.pkl", "wb") as fh:
    pickle.dump(cfg, fh)
