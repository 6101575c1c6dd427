# Python 3.14 notes: one object per shape the notes can name (object, state, dict/list/tuple
# item, set element, __new__ arguments, reconstructor arguments, a bound method's self).
# run.sh runs it once per case, replacing the "case = ..." line (Pyodide passes no argv).
import functools, pickle, threading

class Exporter:
    def __init__(self, path):
        self.config = {"log": open(path, "w"), "batch": 100}
    def export(self, row):
        return row

class Worker:
    def __init__(self):
        self.lock = threading.Lock()
    def run(self, item):
        return item

class Span(tuple):
    def __new__(cls, start, guard):
        return super().__new__(cls, (start, guard))
    def __getnewargs__(self):
        return tuple(self)

class Handle:
    def __init__(self, sock):
        self.sock = sock
    def __reduce__(self):
        return (Handle, (self.sock,))

def score(model, row):
    return row

case = "config"
if case == "config":
    task = (0, 1, Exporter("/tmp/export.log").export, ([1, 2],), {})
    pickle.dumps(task)
elif case == "method":
    pickle.dumps(Worker().run)
elif case == "set":
    pickle.dumps({"guards": frozenset([threading.Lock()])})
elif case == "newargs":
    pickle.dumps([Span(0, threading.Lock())])
elif case == "reduce":
    pickle.dumps({"handles": [Handle(threading.RLock())]})
elif case == "partial":
    pickle.dumps(functools.partial(score, {"session": threading.Lock()}))
