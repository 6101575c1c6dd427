# A decorator keeps the original function in a registry and returns a wrapper under the same
# name (functools.wraps copies the name); the registry's original is then sent to a pool.
import functools
from concurrent.futures import ProcessPoolExecutor

REGISTRY = {}


def register(fn):
    REGISTRY[fn.__name__] = fn

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


@register
def resize(path):
    return path.upper()


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as ex:
        print(ex.submit(REGISTRY["resize"], "a.png").result())
