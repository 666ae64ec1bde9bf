"""Copies of a store's rows, written inside SQLite: what scripts/bench/store_floor.py times and what
scripts/bench/prefill_store.py uses to grow a store before an import is timed into it.

The templates are the messages (and their history, deliveries and deadlines) that `sgw import` stored from a few real
rows. Copy n gets the id, key and counterparty `printf('%08d-', n) || …` (each copy its own counterparty, as real
records mostly are): its ids sort before the UUIDv7s sgw stamps today (they
begin with a 0 where today's begin with 01…), as an older store's would, and its keys never meet a real file's.
Its messages get store keys (`seq`) after the templates', and their deliveries and deadlines the keys
`seq * 16 + n` the template's had (schema v9, Sources/SGWStore/Schema/Migrations.swift).
"""
import sqlite3

TABLES = ("history", "delivery", "deadline")


def connect(store):
    """A connection set up as SQLiteStore opens the store (Sources/SGWStore/SQLite/SQLiteStore.swift)."""
    db = sqlite3.connect(store, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA cache_size=-32768")
    db.execute("PRAGMA wal_autocheckpoint=8192")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def columns(db, table):
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


class Copier:
    """Writes copies of the templates now in the store, `approvals_per_copy` source rows each. `overrides` gives, per
    table, SQL expressions for columns the copies take instead of the templates' values (over `x`, the template row)."""

    def __init__(self, db, overrides=None):
        overrides = overrides or {}
        self.db = db
        self.templates = db.execute("SELECT COUNT(*) FROM message").fetchone()[0]
        self.approvals_per_copy = db.execute("SELECT COUNT(*) FROM message WHERE kind = 'approval'").fetchone()[0]
        if self.approvals_per_copy == 0:
            raise SystemExit("store_copies: the store has no approvals to copy")
        db.execute("CREATE TEMP TABLE tm AS SELECT * FROM message")
        first_seq, last_seq = db.execute("SELECT min(seq), max(seq) FROM message").fetchone()
        if last_seq - first_seq + 1 != self.templates:
            raise SystemExit("store_copies: the templates' keys (seq) are not one run; copy from a store of one import")
        # Copy c.n of the template with key m.seq: its key after the templates' and the copies before it.
        new_seq = f"({last_seq} + (c.n - 1) * {self.templates} + {{}} - {first_seq} + 1)"
        for t in TABLES:
            db.execute(f"CREATE TEMP TABLE t{t} AS SELECT * FROM {t}")
        copy_id = "printf('%08d-', c.n) || {}"
        m_cols = columns(db, "message")
        self.message_insert = (", ".join(m_cols), ", ".join(
            new_seq.format("m.seq") if c == "seq" else copy_id.format(f"m.{c}") if c in ("id", "key", "counterparty") else f"m.{c}"
            for c in m_cols))
        self.child = {}
        for t in TABLES:
            given = overrides.get(t, {})
            if t == "history":  # its own AUTOINCREMENT key; the message by id
                cols = [c for c in columns(db, t) if c != "id"]
                self.child[t] = (", ".join(cols), ", ".join(
                    copy_id.format("x.messageID") if c == "messageID" else given.get(c, f"x.{c}") for c in cols))
            else:  # a duty: the key of its message's copy, times 16, plus its place among the message's duties
                cols = columns(db, t)
                self.child[t] = (", ".join(cols), ", ".join(
                    f"{new_seq.format('(x.id >> 4)')} * 16 + (x.id & 15)" if c == "id" else given.get(c, f"x.{c}") for c in cols))

    def write(self, first, last):
        """Copies number first…last, in one transaction."""
        cte = f"WITH RECURSIVE c(n) AS (SELECT {first} UNION ALL SELECT n + 1 FROM c WHERE n < {last})"
        self.db.execute("BEGIN")
        cols, select = self.message_insert
        self.db.execute(f"{cte} INSERT INTO message ({cols}) SELECT {select} FROM c, tm m")
        for t, (cols, select) in self.child.items():
            self.db.execute(f"{cte} INSERT INTO {t} ({cols}) SELECT {select} FROM c, t{t} x")
        self.db.execute("COMMIT")

    def write_rows(self, rows, per_transaction=1_000, first_copy=1):
        """About `rows` source rows' worth of copies, `per_transaction` source rows a transaction; returns the rows."""
        copies = max(1, round(rows / self.approvals_per_copy))
        chunk = max(1, round(per_transaction / self.approvals_per_copy))
        for first in range(first_copy, first_copy + copies, chunk):
            self.write(first, min(first_copy + copies - 1, first + chunk - 1))
        return copies * self.approvals_per_copy


def checkpoint(db):
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
