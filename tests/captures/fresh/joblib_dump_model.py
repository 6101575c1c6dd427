"""A home-grown online model is saved with joblib.dump at the end of training. The model
keeps the threading.Lock that guards its weights during concurrent partial_fit calls."""
import os
import tempfile
import threading

import joblib
import numpy as np


class OnlineRegressor:
    def __init__(self, n_features):
        self.coef_ = np.zeros(n_features)
        self._update_lock = threading.Lock()

    def partial_fit(self, X, y, lr=0.01):
        with self._update_lock:
            grad = X.T @ (X @ self.coef_ - y) / len(y)
            self.coef_ -= lr * grad
        return self


def main():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 3))
    y = X @ np.array([1.0, -2.0, 0.5])
    model = OnlineRegressor(3)
    for _ in range(10):
        model.partial_fit(X, y)
    path = os.path.join(tempfile.mkdtemp(), "regressor.joblib")
    joblib.dump(model, path)
    print("saved", path)


if __name__ == "__main__":
    main()
