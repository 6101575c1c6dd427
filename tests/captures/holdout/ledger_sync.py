# Holdout: a sqlite3 connection passed as a task argument (unpicklable-object).
import multiprocessing
import sqlite3


def sync_account(conn, account_id):
    cur = conn.execute("select ?", (account_id,))
    return cur.fetchone()


if __name__ == "__main__":
    conn = sqlite3.connect(":memory:")
    pool = multiprocessing.Pool(2)
    try:
        results = [pool.apply_async(sync_account, (conn, i)) for i in range(3)]
        print([r.get(timeout=30) for r in results])
    finally:
        pool.terminate()
