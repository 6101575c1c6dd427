# A search indexer hands its own bound method to a pool; the indexer holds a threading.Lock,
# so pickling self fails: cannot pickle '_thread.lock' object.
import logging
import multiprocessing
import threading

logging.basicConfig(format="%(levelname)s:%(name)s:%(message)s", level=logging.INFO)
log = logging.getLogger("indexer")


class SearchIndexer:
    def __init__(self, name):
        self.name = name
        self._lock = threading.Lock()
        self.indexed = 0

    def tokenize(self, doc):
        return doc.lower().split()

    def index_all(self, docs):
        log.info("indexing %d documents into %s", len(docs), self.name)
        with multiprocessing.Pool(2) as pool:
            return pool.map(self.tokenize, docs)


if __name__ == "__main__":
    SearchIndexer("products").index_all(["Red Shoe", "Blue Hat", "Green Scarf"])
