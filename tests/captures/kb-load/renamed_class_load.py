# A pickle saved by version 1 of the code (class catalog.Product) is loaded by version 2, in
# which the class was renamed to catalog.Item.
import os
import pickle
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import catalog


class Product(object):  # what version 1 had, in catalog.py
    def __init__(self, sku):
        self.sku = sku


Product.__module__ = "catalog"
catalog.Product = Product
with open("products.pkl", "wb") as fh:
    pickle.dump([Product("A-1")], fh)
del catalog.Product


def load_products(path):
    with open(path, "rb") as fh:
        return pickle.load(fh)


print(load_products("products.pkl"))
