#!/usr/bin/env python3
"""Grows a store to MESSAGES messages with copies of the rows it holds, so that an import can be timed into a store
that already holds years of records. Usage: prefill_store.py STORE MESSAGES

STORE is a store that `sgw import` filled with a few real rows (the templates); their copies keep the templates'
deliveries, deadlines and history, with ids and keys of their own (scripts/bench/store_copies.py), 10,000 source
rows a transaction, delivered and with their deadlines closed, as a store of years past holds its messages (the
templates themselves stay as imported); the templates' own keys are then renamed (`T-…`), so that a file of the generator that made them
(scripts/bench/gen_zhoucun_csv.py) imported afterwards meets none of them. Prints the time it took and the size.
"""
import os
import sys
import time

from store_copies import Copier, checkpoint, connect

store, target = sys.argv[1], int(sys.argv[2])
db = connect(store)
# As a store of years past holds them: delivered, their claim and feedback deadlines closed.
copier = Copier(db, overrides={
    "delivery": {"state": "'delivered'", "attempts": "1", "deliveredAt": "x.createdAt + 60", "receipt": "'R'"},
    "deadline": {"state": "CASE WHEN x.duty LIKE '%.claim' THEN 'claimed' ELSE 'closed' END", "closedAt": "x.dueAt - 3600", "closedBy": "'区水利局'"},
})
per_row = copier.templates / copier.approvals_per_copy
rows = max(0, round((target - copier.templates) / per_row))
start = time.perf_counter()
copier.write_rows(rows, per_transaction=10_000)
# The templates' own keys renamed: a file of the same generator imported afterwards meets none of its keys.
db.execute("UPDATE message SET key = 'T-' || key WHERE length(id) = 36")
checkpoint(db)
count = db.execute("SELECT COUNT(*) FROM message").fetchone()[0]
size = sum(os.path.getsize(store + s) for s in ("", "-wal") if os.path.exists(store + s))
print(f"prefilled: {count:,} messages ({rows:,} source rows copied) in {time.perf_counter() - start:.0f} s; "
      f"store {size / 1e9:.2f} GB")
