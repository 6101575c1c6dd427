# Holdout: a job runner that reports failures with logging.exception(): a log line, then the
# traceback; the task holds a generator (unpicklable-object).
import logging
import pickle

logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
log = logging.getLogger("nightly")


def rows(n):
    for i in range(n):
        yield {"id": i}


def checkpoint(state):
    return pickle.dumps(state)


def main():
    log.info("starting nightly export")
    state = {"batch": 7, "cursor": rows(100)}
    try:
        checkpoint(state)
    except Exception:
        log.exception("checkpoint of batch %s failed", state["batch"])
    log.info("nightly export finished with errors")


if __name__ == "__main__":
    main()
