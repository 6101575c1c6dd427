# Helper module for renamed_class_load.py: version 2 of a module whose class Product was
# renamed to Item after pickles of Product had been saved.
class Item(object):
    def __init__(self, sku):
        self.sku = sku
