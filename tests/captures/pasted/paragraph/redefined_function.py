# A function saved before its name was bound to another function: pickle finds a different
# object under the name.
import pickle


def checksum(data):
    return sum(data) % 256


saved = checksum


def checksum(data):  # noqa: F811 - redefined, as a notebook cell run twice does
    return sum(data) % 255


print(len(pickle.dumps(saved)))
