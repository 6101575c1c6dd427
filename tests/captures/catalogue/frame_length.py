# A protocol-4 pickle whose FRAME header claims more bytes than any machine has: the length
# field of a damaged file, read by the C unpickler (OverflowError, not UnpicklingError).
import pickle
import struct

damaged = b"\x80\x04\x95" + struct.pack("<Q", 2**63 + 5) + b"N."
with open("cache.pkl", "wb") as f:
    f.write(damaged)
with open("cache.pkl", "rb") as f:
    pickle.load(f)
