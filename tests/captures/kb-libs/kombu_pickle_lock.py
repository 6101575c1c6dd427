# Celery's messaging layer (kombu) with the pickle serializer: a task argument holds a lock.
import threading

from kombu.serialization import dumps


class RateLimiter:
    def __init__(self, per_second):
        self.per_second = per_second
        self.lock = threading.Lock()


payload = dumps({"args": [RateLimiter(5)], "kwargs": {}}, serializer="pickle")
