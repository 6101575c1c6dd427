"""Row enrichment fans out over imap_unordered, and each task carries the cursor it should
write through, because "the workers need the database"."""
import multiprocessing as mp
import sqlite3


def enrich(task):
    cursor, row_id = task
    cursor.execute("UPDATE items SET score = ? WHERE id = ?", (row_id * 1.5, row_id))
    return row_id


def main():
    conn = sqlite3.connect(":memory:")
    cur = conn.cursor()
    cur.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, score REAL)")
    cur.executemany("INSERT INTO items (id) VALUES (?)", [(i,) for i in range(6)])
    with mp.Pool(3) as pool:
        for row_id in pool.imap_unordered(enrich, [(cur, i) for i in range(6)]):
            print("enriched", row_id)


if __name__ == "__main__":
    main()
