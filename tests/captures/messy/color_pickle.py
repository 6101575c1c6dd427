# Messy fixture: a nested function pickled under Python 3.13 with colour forced on
# (PYTHON_COLORS=1), so the traceback carries real ANSI escape sequences.
import pickle


def make_validator(limit):
    def validate(value):
        return value <= limit
    return validate


if __name__ == "__main__":
    pickle.dumps(make_validator(10))
