#!/usr/bin/env python3
"""Deterministic inputs for scripts/bench/identity: valid USCCs (every tenth with a wrong check character),
valid citizen ID numbers, and calendar queries. Usage: gen_identity.py COUNT DIR"""
import random, sys, pathlib

CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

def org(rng):
    s = "".join(rng.choice(CH) for _ in range(8))
    v = lambda c: int(c) if c.isdigit() else ord(c) - 55
    c = 11 - sum(v(x) * w for x, w in zip(s, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    return s + ("X" if c == 10 else "0" if c == 11 else str(c))

def main(count, out):
    rng = random.Random(20261123)
    out = pathlib.Path(out)
    usccs = []
    for i in range(count):
        s = "91370306" + org(rng)
        s += CH[(31 - sum(CH.index(c) * w for c, w in zip(s, W)) % 31) % 31]
        usccs.append(s[:-1] + "0" if i % 10 == 0 else s)
    ids = []
    for _ in range(count):
        b = "370306%04d%02d%02d%03d" % (rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 999))
        ids.append(b + "10X98765432"[sum(int(c) * w for c, w in zip(b, [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])) % 11])
    queries = ["%04d-%02d-%02d %d" % (rng.randint(2020, 2026), rng.randint(1, 12), rng.randint(1, 28), rng.randint(1, 30))
               for _ in range(count // 10)]
    (out / "uscc.txt").write_text("\n".join(usccs) + "\n")
    (out / "idcard.txt").write_text("\n".join(ids) + "\n")
    (out / "add.txt").write_text("\n".join(queries) + "\n")
    (out / "workday.txt").write_text("\n".join(q.split()[0] for q in queries) + "\n")

if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
