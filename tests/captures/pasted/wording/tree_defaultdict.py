# An autovivifying tree: a defaultdict subclass whose __init__ takes no argument.
# defaultdict's __reduce__ rebuilds it as Tree(default_factory), which __init__ refuses.
import pickle
from collections import defaultdict


class Tree(defaultdict):
    def __init__(self):
        super().__init__(Tree)


taxonomy = Tree()
taxonomy["animals"]["cats"]["lions"] = 1
blob = pickle.dumps(taxonomy)
restored = pickle.loads(blob)
print(restored)
