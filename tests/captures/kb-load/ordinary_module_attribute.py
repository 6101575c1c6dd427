# Not a pickle failure: a name removed from a module.
import os


def cwd():
    return os.getcwdu()


print(cwd())
