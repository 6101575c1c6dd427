import pickle

try:
    dumps, loads = pickle._dumps, pickle._loads  # the pure-Python pickler and unpickler
except AttributeError:
    dumps, loads = pickle.dumps, pickle.loads  # Python 2's pickle module is pure Python


def rebuild_ticket(fields):
    # the class's own code fails while the object is rebuilt: not damaged data
    return fields[3]


class Ticket(object):
    def __init__(self, fields):
        self.fields = fields

    def __reduce__(self):
        return (rebuild_ticket, (self.fields,))


if __name__ == "__main__":
    loads(dumps(Ticket(["a", "b"])))
