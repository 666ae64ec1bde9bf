#!/usr/bin/env python3
"""The lean schema that issue 30 gives for scale, written from Python's sqlite3: what the issue's reference design
costs on this machine, beside sgw and the pandas script in the same run (scripts/bench/import).

Usage: reference_schema.py TEMPLATES.sqlite ROWS OUT.sqlite

As the issue describes it: integer row ids, the UUIDv7 as a 16-byte value with one index; the record's identity
(kind, key) stored once with its current version and content hash, versions pointing at it; one table of duties
clustered by message (key = message * 16 + n) with a partial index over open work; per source row two messages and
three open duties; 1,000 rows a transaction; WAL, synchronous=FULL. The message bodies are sgw's own canonical JSON,
read from TEMPLATES (a store `sgw import` filled with a few rows), each source row getting its own key. Nothing is
read back and nothing is checked: this writes, it does not import. Python's own share is timed apart (the same rows
built, not written) so that SQLite's can be told from it.
"""
import hashlib
import os
import sqlite3
import sys
import time

templates, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pairs = sqlite3.connect(templates).execute(
    "SELECT a.kind, a.body, b.kind, b.body FROM message a JOIN message b ON b.seq = a.seq + 1 AND b.key = a.key "
    "WHERE a.kind = 'approval' ORDER BY a.seq").fetchall()
if not pairs:
    raise SystemExit("reference_schema: the templates hold no approval with its 双公示 record")
DAY = 86_400


def chunks(now):
    """The rows of each transaction: identities, messages and duties of 1,000 source rows."""
    seq = 0
    for first in range(0, rows, 1_000):
        identities, messages, duties = [], [], []
        for r in range(first, min(rows, first + 1_000)):
            pair = pairs[r % len(pairs)]
            key = f"zhoucun-licences:许可{r:013d}"
            for kind, body in ((pair[0], pair[1]), (pair[2], pair[3])):
                seq += 1
                data = body.encode()
                identities.append((seq, kind, key, 1, hashlib.sha256(data).digest()))
                uuid7 = ((int(now * 1000) << 80) | (0x7 << 76) | seq).to_bytes(16, "big")
                messages.append((seq, uuid7, seq, 1, 1, f"row {r + 2}", now, body))
            approval = seq - 1
            duties.append((approval * 16, "approval.push", now + DAY))
            duties.append((approval * 16 + 1, "approval.claim", now + 5 * DAY))
            duties.append((seq * 16, "credit.publish", now + (r % 700) * DAY))
        yield identities, messages, duties


now = time.time()
start = time.perf_counter()
built = sum(len(m) for _, m, _ in chunks(now))
python_alone = time.perf_counter() - start

for suffix in ("", "-wal", "-shm"):
    if os.path.exists(out + suffix):
        os.remove(out + suffix)
db = sqlite3.connect(out, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("PRAGMA cache_size=-32768")
db.executescript("""
CREATE TABLE identity (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, version INTEGER NOT NULL,
                       contentHash BLOB NOT NULL, UNIQUE (kind, key));
CREATE TABLE message (id INTEGER PRIMARY KEY, uuid BLOB NOT NULL UNIQUE, identity INTEGER NOT NULL, version INTEGER NOT NULL,
                      importID INTEGER, location TEXT, receivedAt REAL NOT NULL, body TEXT NOT NULL);
CREATE TABLE duty (id INTEGER PRIMARY KEY, duty TEXT NOT NULL, dueAt REAL NOT NULL, state TEXT NOT NULL DEFAULT 'open');
CREATE INDEX duty_open ON duty (dueAt) WHERE state = 'open';
""")
start = time.perf_counter()
for identities, messages, duties in chunks(now):
    db.execute("BEGIN")
    db.executemany("INSERT INTO identity VALUES (?, ?, ?, ?, ?)", identities)
    db.executemany("INSERT INTO message VALUES (?, ?, ?, ?, ?, ?, ?, ?)", messages)
    db.executemany("INSERT INTO duty (id, duty, dueAt) VALUES (?, ?, ?)", duties)
    db.execute("COMMIT")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
elapsed = time.perf_counter() - start
size = os.path.getsize(out)
print(f"reference schema (issue 30's lean design, Python sqlite3): {rows} rows in {elapsed:.1f} s = {rows / elapsed:,.0f} rows/s "
      f"({built} messages, {size / built:,.0f} bytes a message); Python alone building the rows: {python_alone:.1f} s")
