# Holdout: a class hands its own bound method to a pool; self holds a lock (unpicklable-object).
import multiprocessing
import threading


class ReportMailer(object):
    def __init__(self, smtp_host):
        self.smtp_host = smtp_host
        self.sent_lock = threading.Lock()
        self.sent = 0

    def render(self, customer):
        return "report for %s via %s" % (customer, self.smtp_host)

    def send_all(self, customers):
        pool = multiprocessing.Pool(2)
        try:
            pending = [pool.apply_async(self.render, (c,)) for c in customers]
            return [p.get(timeout=30) for p in pending]
        finally:
            pool.terminate()


if __name__ == "__main__":
    mailer = ReportMailer("mail.internal:25")
    print(mailer.send_all(["acme", "globex"]))
