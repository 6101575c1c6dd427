# Consumer: another script loads the pickle written by train_main.py, whose class lived in
# that script's __main__.
import pickle


def load_scaler(path):
    with open(path, "rb") as fh:
        return pickle.load(fh)


scaler = load_scaler("scaler.pkl")
