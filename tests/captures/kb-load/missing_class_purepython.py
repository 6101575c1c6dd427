# The pure-Python unpickler (what joblib and pandas' compat loader subclass) reading a pickle
# whose class was removed from its module.
import io
import os
import pickle
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

BLOB = b"\x80\x02ccatalog\nProduct\nq\x00)\x81q\x01}q\x02X\x03\x00\x00\x00skuq\x03X\x03\x00\x00\x00A-1q\x04sb."
print(pickle._Unpickler(io.BytesIO(BLOB)).load())
