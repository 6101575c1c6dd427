# A deep tree pickled with the pure-Python pickler (what dill and older libraries build on).
import io
import pickle

tree = {}
node = tree
for depth in range(5000):
    node["child"] = {}
    node = node["child"]
pickle._Pickler(io.BytesIO(), 2).dump(tree)
