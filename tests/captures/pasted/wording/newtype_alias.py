# A NewType bound to another name than the one it was given: its repr has no angle
# brackets, and pickle looks it up by the name it was given.
import pickle
from typing import NewType

UserKey = NewType("UserId", int)
schema = {"owner": UserKey}
pickle.dumps(schema)
