"""Workers load their model config once, in the pool initializer. The config file is not
where the deployment put it, so every worker dies in the initializer."""
import json
from concurrent.futures import ProcessPoolExecutor

_CONFIG = None


def load_config(path):
    global _CONFIG
    with open(path) as fh:
        _CONFIG = json.load(fh)


def score(x):
    return x * _CONFIG["weight"]


def main():
    with ProcessPoolExecutor(max_workers=2, initializer=load_config,
                             initargs=("/etc/scorer/model.json",)) as pool:
        print(list(pool.map(score, range(5))))


if __name__ == "__main__":
    main()
