# Not a transport failure: a constructor called without its argument.
class Widget(object):
    def __init__(self, config):
        self.config = config


panel = Widget()
