# dill pickles the nested function by value, then reaches the sqlite3 connection it closes over.
import sqlite3

import dill


def make_loader(path):
    conn = sqlite3.connect(path)

    def load(key):
        return conn.execute("select ?", (key,)).fetchone()
    return load


payload = dill.dumps(make_loader(":memory:"))
