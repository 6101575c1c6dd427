# A protocol 0 pickle whose line ends went through a text-mode copy (LF -> CRLF, as
# Windows' text mode or a Git checkout with autocrlf does): the module name read back
# ends in '\r' and the loader cannot import it.
import pickle
from collections import OrderedDict

blob = pickle.dumps(OrderedDict(a=1), protocol=0)
pickle.loads(blob.replace(b"\n", b"\r\n"))
