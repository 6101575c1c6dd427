# A __getattr__ that recurses without any pickling: still the same trap (an attribute read
# before __init__ has set it), so pickdoc's recursion playbook speaks to it too.
class Record(object):
    def __init__(self, data):
        self.check()
        self._data = data

    def check(self):
        return self.valid

    def __getattr__(self, name):
        return self._data[name]


Record({"valid": True})
