# Holdout: functools.partial of a module-level lambda through ProcessPoolExecutor.map (lambda).
import functools
from concurrent.futures import ProcessPoolExecutor

apply_tax = lambda rate, price: round(price * (1 + rate), 2)

if __name__ == "__main__":
    with_vat = functools.partial(apply_tax, 0.2)
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(with_vat, [10.0, 25.5, 99.99])))
