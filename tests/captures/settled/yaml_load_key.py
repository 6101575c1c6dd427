# A YAML settings file read with pickle.load: the first byte is 'v' (from "version:"), the
# same byte a Git LFS pointer file starts with.
import pickle

with open("settings.yaml", "w") as f:
    f.write("version: 2\nworkers: 4\nqueue: default\n")


def load_settings(path):
    with open(path, "rb") as f:
        return pickle.load(f)


print(load_settings("settings.yaml"))
