#!/usr/bin/env python3
"""A store's size on disk (the database and its log) and per message. Usage: store_size.py STORE.sqlite"""
import os
import sqlite3
import sys

store = sys.argv[1]
messages = sqlite3.connect(store).execute("SELECT count(*) FROM message").fetchone()[0]
size = sum(os.path.getsize(store + s) for s in ("", "-wal") if os.path.exists(store + s))
print(f"{size:,} bytes, {messages:,} messages, {size / max(1, messages):,.0f} bytes a message")
