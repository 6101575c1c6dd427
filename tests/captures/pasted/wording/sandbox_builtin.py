# A sandbox removes system() from os and from the C module behind it, keeping a private
# reference; the pure-Python pickler (the one dill and debuggers use) then finds no name
# to save the function by.
import os
import pickle

_system = os.system
del os.system
del __import__(os.name).system

job = {"name": "cleanup", "runner": _system}
pickle._dumps(job)
