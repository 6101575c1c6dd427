# 3.14 notes that no other capture shows: "state setter" (6th item of a reduce tuple) and
# "reconstructor" (the callable of a reduce tuple), both a function defined inside another
# function. CASE is replaced by run.sh.
import pickle

CASE = "state-setter"


def make_cursor_type():
    def rebuild(pos):
        return Cursor(pos)

    def restore(obj, state):
        obj.__dict__.update(state)

    class Cursor:
        def __init__(self, pos):
            self.pos = pos

        def __reduce__(self):
            if CASE == "state-setter":
                return (int, (0,), {"pos": self.pos}, None, None, restore)
            return (rebuild, (self.pos,))

    return Cursor


Cursor = make_cursor_type()
pickle.dumps({"cursor": Cursor(3)})
