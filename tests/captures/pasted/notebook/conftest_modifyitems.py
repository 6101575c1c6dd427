import pickle


def pytest_collection_modifyitems(items):
    pickle.dumps(lambda item: item.name)
