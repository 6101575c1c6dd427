# Saves each job and reports every failure at once, as an ExceptionGroup (3.11+).
import pickle
import threading


def make_job(n):
    return lambda: n


def save_all(jobs):
    errors = []
    for job in jobs:
        try:
            pickle.dumps(job)
        except Exception as exc:
            errors.append(exc)
    if errors:
        raise ExceptionGroup("could not save the jobs", errors)


save_all([make_job(1), threading.Lock()])
