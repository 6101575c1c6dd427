# Not pickling at all: user code raises its own exception class and forgets an argument.
# Python 3.6-3.9 print "__init__() missing 1 required positional argument" without the class
# name, the same text an exception rebuilt by pickle.loads shows.


class RetryExhausted(Exception):
    def __init__(self, url, attempts):
        super().__init__("%s failed after %d attempts" % (url, attempts))
        self.url = url
        self.attempts = attempts


def fetch(url, attempts=3):
    for _ in range(attempts):
        pass
    raise RetryExhausted(url)


if __name__ == "__main__":
    fetch("https://example.org/feed.xml")
