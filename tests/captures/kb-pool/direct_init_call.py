# Not a pickling failure: a class is constructed with too few arguments by the code itself.
class ExportConfig(object):
    def __init__(self, path, mode):
        self.path = path
        self.mode = mode


def load_config():
    return ExportConfig("/srv/exports")


if __name__ == "__main__":
    load_config()
