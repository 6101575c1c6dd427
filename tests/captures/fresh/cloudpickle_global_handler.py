"""A tiny task spool: functions are serialised with cloudpickle and written to a spool
directory for a separate runner. The task function logs through a module-level FileHandler,
and cloudpickle ships __main__ globals by value, handler (and its lock) included."""
import logging
import os
import tempfile

import cloudpickle

SPOOL = tempfile.mkdtemp(prefix="spool-")
audit = logging.getLogger("audit")
audit_handler = logging.FileHandler(os.path.join(SPOOL, "audit.log"))
audit.addHandler(audit_handler)


def resize_task(image_id):
    audit_handler.flush()
    audit.warning("resizing %s", image_id)
    return image_id


def enqueue(fn, *args):
    path = os.path.join(SPOOL, "task-%s.pkl" % fn.__name__)
    with open(path, "wb") as fh:
        fh.write(cloudpickle.dumps((fn, args)))
    return path


if __name__ == "__main__":
    print(enqueue(resize_task, "img-0042"))
