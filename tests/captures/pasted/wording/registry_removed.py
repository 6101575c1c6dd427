# A registry keeps the handlers and removes their module-level names to keep the
# namespace clean; pickle saves a function by its name, so the lookup fails.
import pickle

HANDLERS = {}


def register(fn):
    HANDLERS[fn.__name__] = fn
    return fn


@register
def on_upload(path):
    return path.upper()


for _name in HANDLERS:
    del globals()[_name]

pickle.dumps(HANDLERS)
