# Pickler.fast disables the memo; a structure that refers to itself can no longer be pickled.
import io
import pickle

graph = {"name": "root"}
graph["self"] = graph
p = pickle.Pickler(io.BytesIO())
p.fast = True
p.dump(graph)
