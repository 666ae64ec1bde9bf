#!/usr/bin/env python3
"""What SQLite alone costs for the rows an import writes: the floor under `sgw import` on this machine.

Usage: store_floor.py STORE ROWS

STORE is a store that `sgw import` filled with a few real rows (their messages, history, deliveries and
deadlines are the templates). Inside SQLite, with no Swift and no per-row binding (INSERT … SELECT from the
templates), this writes ROWS more source rows' worth of the same rows with fresh ids and keys, into the real
tables with all their indexes and foreign keys, 1,000 source rows per transaction, with the connection settings of
the store (Sources/SGWStore/SQLite/SQLiteStore.swift: WAL, its cache size and checkpoint interval), the chunks
committed as `sgw import` commits them (synchronous=NORMAL, then one FULL commit); the same with every chunk's
commit synced; then, for comparison, only the message bodies into a bare table (an integer key and the body, no
index). Each time includes the final checkpoint of the log into the database file. Left out, so that this is a floor: the
import's reads (is the key known, is the body unchanged) and binding each value from Swift.
"""
import os
import sys
import time

from store_copies import TABLES, Copier, checkpoint, connect

store, rows = sys.argv[1], int(sys.argv[2])
db = connect(store)
copier = Copier(db)
counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("message",) + TABLES}
body = db.execute("SELECT AVG(length(body)) FROM message").fetchone()[0]
print(f"templates: {copier.templates} messages ({copier.templates / copier.approvals_per_copy:g} per source row, body "
      f"{body:.0f} characters on average), " + ", ".join(f"{counts[t]} {t} rows" for t in TABLES))

# As `sgw import` commits (SQLiteStore.ingest): each chunk with synchronous=NORMAL, then one commit with FULL, which
# syncs the log holding them all, before the file would be archived.
start = time.perf_counter()
db.execute("PRAGMA synchronous=NORMAL")
written = copier.write_rows(rows)  # the import commits every 1,000 records (Importer.chunkSize)
db.execute("PRAGMA synchronous=FULL")
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE import SET finishedAt = finishedAt WHERE id = (SELECT max(id) FROM import)")
db.execute("COMMIT")
checkpoint(db)
full = time.perf_counter() - start
size = sum(os.path.getsize(store + s) for s in ("", "-wal") if os.path.exists(store + s))
messages = written / copier.approvals_per_copy * copier.templates
print(f"the store's schema, every table and index, chunks committed as sgw import does: {written} source rows in {full:.2f} s "
      f"= {written / full:,.0f} rows/s ({messages / full:,.0f} messages/s); store now {size / 1e6:.0f} MB")

# The same again with every chunk's commit synced (synchronous=FULL), as a webhook's commit is.
start = time.perf_counter()
synced = copier.write_rows(rows, first_copy=written // copier.approvals_per_copy + 1)
checkpoint(db)
each = time.perf_counter() - start
print(f"the same with every chunk synced (FULL): {synced} source rows in {each:.2f} s = {synced / each:,.0f} rows/s")

db.execute("CREATE TABLE floor_body (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
start = time.perf_counter()
chunk = max(1, round(1_000 / copier.approvals_per_copy))
copies = written // copier.approvals_per_copy
for first in range(1, copies + 1, chunk):
    last = min(copies, first + chunk - 1)
    db.execute("BEGIN")
    db.execute(f"WITH RECURSIVE c(n) AS (SELECT {first} UNION ALL SELECT n + 1 FROM c WHERE n < {last}) "
               "INSERT INTO floor_body (body) SELECT m.body FROM c, tm m")
    db.execute("COMMIT")
checkpoint(db)
bare = time.perf_counter() - start
print(f"only the message bodies, into a bare table: {written} source rows in {bare:.2f} s = {written / bare:,.0f} rows/s "
      f"({messages / bare:,.0f} messages/s)")
