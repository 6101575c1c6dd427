import pickle
import handle

pickle.dumps(handle.Handle())
