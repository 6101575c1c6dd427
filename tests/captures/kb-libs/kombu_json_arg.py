# Celery's messaging layer (kombu) encodes a task's arguments with the JSON serializer, as
# Celery does by default; a datetime-like object that is not plain data is refused.
import decimal

from kombu.serialization import dumps


class Invoice:
    def __init__(self, number, total):
        self.number = number
        self.total = total


def send_invoice(invoice):
    return dumps({"args": [invoice], "kwargs": {}}, serializer="json")


send_invoice(Invoice(42, decimal.Decimal("9.99")))
