# The pure-Python unpickler reading a pickle whose module does not exist here.
import io
import pickle

BLOB = b"\x80\x02clegacy_pipeline.features\nScaler\nq\x00)\x81q\x01}q\x02X\x04\x00\x00\x00meanq\x03G\x00\x00\x00\x00\x00\x00\x00\x00sb."
print(pickle._Unpickler(io.BytesIO(BLOB)).load())
