# A pickle that names a class this program lacks, loaded under a handler that prints
# sys.exc_info() as some loggers and callbacks do: the exception appears only as its repr.
import pickle
import sys

BLOB = b"\x80\x04\x95\x1a\x00\x00\x00\x00\x00\x00\x00\x8c\x08__main__\x94\x8c\x06Record\x94\x93\x94)\x81\x94."

try:
    pickle.loads(BLOB)
except Exception:
    print(sys.exc_info())
