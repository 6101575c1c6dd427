# A billiard (Celery's pool) task returns a generator.
from billiard import Pool


def tokens(line):
    return (w.lower() for w in line.split())


if __name__ == "__main__":
    pool = Pool(2)
    print(pool.apply_async(tokens, ("Hello World",)).get(timeout=20))
