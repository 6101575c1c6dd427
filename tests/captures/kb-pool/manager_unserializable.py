# A Manager-registered object returns a generator from a method: the manager's server
# process cannot send the result back to the caller.
from multiprocessing.managers import BaseManager


class Catalog(object):
    def items(self):
        return (i for i in range(3))


class CatalogManager(BaseManager):
    pass


CatalogManager.register("Catalog", Catalog)

if __name__ == "__main__":
    with CatalogManager() as manager:
        catalog = manager.Catalog()
        print(list(catalog.items()))
