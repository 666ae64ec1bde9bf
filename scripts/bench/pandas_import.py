#!/usr/bin/env python3
"""The comparison job of scripts/bench/import, as a department would script it with pandas: read the GBK CSV,
normalize and validate (USCC and ID check characters, dates in several formats, phone digits), drop bad rows,
write the rest to SQLite with to_sql. Prints rows/s, peak memory and the database size.
Usage: pandas_import.py FILE.csv OUT.sqlite"""
import os, resource, sqlite3, sys, time
import pandas as pd

CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
IDW = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

def uscc_ok(s):
    if not isinstance(s, str) or len(s) != 18 or any(c not in CH for c in s):
        return False
    return CH[(31 - sum(CH.index(c) * w for c, w in zip(s[:17], W)) % 31) % 31] == s[17]

def id_ok(s):
    if not isinstance(s, str) or len(s) != 18 or not s[:17].isdigit():
        return False
    return "10X98765432"[sum(int(c) * w for c, w in zip(s[:17], IDW)) % 11] == s[17].upper()

def dates(col):
    out = pd.to_datetime(col, format="%Y-%m-%d", errors="coerce")
    for fmt in ("%Y/%m/%d", "%Y年%m月%d日", "%Y%m%d"):
        out = out.fillna(pd.to_datetime(col, format=fmt, errors="coerce"))
    return out

def main(path, db):
    start = time.time()
    df = pd.read_csv(path, encoding="gbk", dtype=str)
    rows = len(df)
    df["联系电话"] = df["联系电话"].str.replace(r"[\s-]", "", regex=True)
    ok = df["行政相对人名称"].notna()
    org = df["统一社会信用代码"].notna()
    ok &= ~org | df["统一社会信用代码"].map(uscc_ok)
    ok &= df["身份证号码"].map(id_ok)
    df["许可日期"] = dates(df["许可日期"])
    df["有效期起"] = dates(df["有效期起"])
    ok &= df["许可日期"].notna()
    good = df[ok]
    if os.path.exists(db):
        os.remove(db)
    with sqlite3.connect(db) as con:
        good.to_sql("approval", con, index=False, chunksize=10_000)
    elapsed = time.time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"pandas: {rows} rows, {len(good)} kept, {elapsed:.1f} s = {int(rows / elapsed)} rows/s; "
          f"peak RSS {peak} KiB; database {os.path.getsize(db) // (1 << 20)} MiB")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
