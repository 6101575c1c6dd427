# A NumPy .npy file (written here byte for byte) opened with pickle.load.
import pickle
import struct

header = b"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"
header += b" " * (63 - len(header)) + b"\n"
with open("weights.npy", "wb") as fh:
    fh.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header)
    fh.write(struct.pack("<3d", 1.0, 2.0, 3.0))

with open("weights.npy", "rb") as fh:
    weights = pickle.load(fh)
