#!/usr/bin/env python3
"""What SQLite alone costs for the rows an import writes: the floor under `sgw import` on this machine.

Usage: store_floor.py STORE ROWS

STORE is a store that `sgw import` filled with a few real rows (their messages, history, deliveries and
deadlines are the templates). Inside SQLite, with no Swift and no per-row binding (INSERT … SELECT from the
templates), this writes ROWS more source rows' worth of the same rows with fresh ids and keys, into the real
tables with all their indexes and foreign keys, 1,000 source rows per transaction, with the connection settings of
the store (Sources/SGWStore/SQLite/SQLiteStore.swift: WAL, synchronous=FULL, its cache size and checkpoint
interval); then, for comparison, only the message bodies into a bare table (an integer key and the body, no index).
Both times include the final checkpoint of the log into the database file. Left out, so that this is a floor: the
import's reads (is the key known, is the body unchanged) and binding each value from Swift.
"""
import os
import sqlite3
import sys
import time

store, rows = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(store, isolation_level=None)
# As SQLiteStore opens the store.
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("PRAGMA cache_size=-32768")
db.execute("PRAGMA wal_autocheckpoint=8192")
db.execute("PRAGMA foreign_keys=ON")


def columns(table):
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


templates = db.execute("SELECT COUNT(*) FROM message").fetchone()[0]
# One approval per source row; the rest (credit records) derived from them.
approvals_per_copy = db.execute("SELECT COUNT(*) FROM message WHERE kind = 'approval'").fetchone()[0]
if approvals_per_copy == 0:
    sys.exit("store_floor: the store has no approvals to copy")
per_row = templates / approvals_per_copy
counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("message", "history", "delivery", "deadline")}
body = db.execute("SELECT AVG(length(body)) FROM message").fetchone()[0]
print(f"templates: {templates} messages ({per_row:g} per source row, body {body:.0f} bytes on average), "
      + ", ".join(f"{counts[t]} {t} rows" for t in ("history", "delivery", "deadline")))

# The templates, kept aside; each copy n gets the id and key `n-…`.
db.execute("CREATE TEMP TABLE tm AS SELECT * FROM message")
for t in ("history", "delivery", "deadline"):
    db.execute(f"CREATE TEMP TABLE t{t} AS SELECT * FROM {t}")
copies = max(1, round(rows / approvals_per_copy))
chunk = max(1, round(1_000 / approvals_per_copy))  # the import commits every 1,000 records (Importer.chunkSize)

m_cols = columns("message")
# The copy's number goes first: ids stay in ascending order as the import writes them (monotonic UUIDv7s), so
# each insert lands at the end of its indexes instead of on a random page.
copy_id = "printf('%08d-', c.n) || {}"
m_select = ", ".join(copy_id.format("m.id") if c_ == "id" else copy_id.format("m.key") if c_ == "key" else f"m.{c_}"
                     for c_ in m_cols)
child = {}
for t in ("history", "delivery", "deadline"):
    cols = [c_ for c_ in columns(t) if c_ != "id"]
    child[t] = (", ".join(cols), ", ".join(copy_id.format("x.messageID") if c_ == "messageID" else f"x.{c_}" for c_ in cols))


def copies_cte(first, last):
    return f"WITH RECURSIVE c(n) AS (SELECT {first} UNION ALL SELECT n + 1 FROM c WHERE n < {last})"


def checkpoint():
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


start = time.perf_counter()
for first in range(1, copies + 1, chunk):
    last = min(copies, first + chunk - 1)
    db.execute("BEGIN")
    db.execute(f"{copies_cte(first, last)} INSERT INTO message ({', '.join(m_cols)}) SELECT {m_select} FROM c, tm m")
    for t, (cols, select) in child.items():
        db.execute(f"{copies_cte(first, last)} INSERT INTO {t} ({cols}) SELECT {select} FROM c, t{t} x")
    db.execute("COMMIT")
checkpoint()
full = time.perf_counter() - start
written = copies * approvals_per_copy
size = sum(os.path.getsize(store + s) for s in ("", "-wal") if os.path.exists(store + s))
print(f"the store's schema, every table and index: {written} source rows in {full:.2f} s = {written / full:,.0f} rows/s "
      f"({copies * templates / full:,.0f} messages/s); store now {size / 1e6:.0f} MB")

db.execute("CREATE TABLE floor_body (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
start = time.perf_counter()
for first in range(1, copies + 1, chunk):
    last = min(copies, first + chunk - 1)
    db.execute("BEGIN")
    db.execute(f"{copies_cte(first, last)} INSERT INTO floor_body (body) SELECT m.body FROM c, tm m")
    db.execute("COMMIT")
checkpoint()
bare = time.perf_counter() - start
print(f"only the message bodies, into a bare table: {written} source rows in {bare:.2f} s = {written / bare:,.0f} rows/s "
      f"({copies * templates / bare:,.0f} messages/s)")
