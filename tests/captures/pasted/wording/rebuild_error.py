# A storage error that is both a ValueError and a FileNotFoundError, shipped between
# processes by a serializer that rebuilds exceptions without calling their __init__:
# copyreg's _reconstructor, through the __new__ of the first built-in base.
import copyreg
import pickle


class StoreError(ValueError):
    pass


class GroupMissingError(StoreError, FileNotFoundError):
    pass


def reduce_error(exc):
    return copyreg._reconstructor, (type(exc), ValueError, None), exc.__dict__


copyreg.pickle(GroupMissingError, reduce_error)
err = GroupMissingError("group 'raw' not found")
pickle.loads(pickle.dumps(err))
