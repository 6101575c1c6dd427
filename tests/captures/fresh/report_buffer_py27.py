"""Python 2 report generator: each report object keeps a cStringIO buffer it renders into,
and the reports are cached with cPickle before being handed to the mailer."""
import cPickle
from cStringIO import StringIO


class Report(object):
    def __init__(self, title):
        self.title = title
        self.body = StringIO()
        self.body.write("== %s ==\n" % title)


def cache_reports(reports, path):
    with open(path, "wb") as fh:
        cPickle.dump(reports, fh, cPickle.HIGHEST_PROTOCOL)


def main():
    reports = [Report("weekly sales"), Report("returns")]
    cache_reports(reports, "/tmp/reports.cache")


if __name__ == "__main__":
    main()
