# Producer for serve_main.py: a class defined in the training script (__main__) is pickled.
import pickle


class FeatureScaler(object):
    def __init__(self, mean, std):
        self.mean, self.std = mean, std


with open("scaler.pkl", "wb") as fh:
    pickle.dump(FeatureScaler(0.0, 1.0), fh)
