# A lock in the task's arguments: "cannot pickle '_thread.lock' object" (3.8+).
import pickle
import threading

pickle.dumps({"guard": threading.Lock()})
