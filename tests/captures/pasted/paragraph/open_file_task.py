# A task object keeps the log file it writes to open: pickling it for another process meets
# the file object.
import pickle


class Report:
    def __init__(self, path):
        self.path = path
        self.log = open(path + ".log", "w")


report = Report("/tmp/weekly")
pickle.dumps(report)
