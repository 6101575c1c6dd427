"""Jobs are persisted with dill so they can be retried later. The job object keeps the
request-id ContextVar of the web request that created it."""
import contextvars
import os
import tempfile

import dill

request_id = contextvars.ContextVar("request_id", default="-")


class RetryableJob:
    def __init__(self, name, payload):
        self.name = name
        self.payload = payload
        self.request_var = request_id
        self.request = request_id.get()


def persist(job, directory):
    path = os.path.join(directory, job.name + ".dill")
    with open(path, "wb") as fh:
        dill.dump(job, fh)
    return path


def main():
    request_id.set("req-7f3e")
    job = RetryableJob("send-welcome-mail", {"to": "ana@example.org"})
    print(persist(job, tempfile.mkdtemp()))


if __name__ == "__main__":
    main()
