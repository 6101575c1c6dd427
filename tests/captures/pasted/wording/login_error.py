# An exception whose __init__ takes other arguments than the ones its base class stores
# in args: pickle rebuilds it as cls(*args).
import pickle


class ServiceError(Exception):
    def __init__(self, code, message, data=None):
        super(ServiceError, self).__init__(code, message, data)


class LoginRequiredError(ServiceError):
    def __init__(self, urls, message=None):
        super(LoginRequiredError, self).__init__(401, message or "login required", urls)


err = LoginRequiredError(["https://example.invalid/login"])
pickle.loads(pickle.dumps(err))
