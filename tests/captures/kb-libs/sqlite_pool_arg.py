# A database connection handed to pool workers inside each task.
import sqlite3
from multiprocessing import Pool


def load(task):
    conn, key = task
    return conn.execute("select ?", (key,)).fetchone()


if __name__ == "__main__":
    conn = sqlite3.connect("app.db")
    keys = [1, 2, 3]
    with Pool(2) as pool:
        print(pool.map(load, [(conn, k) for k in keys]))
