#!/usr/bin/env python3
"""Deterministic mutation fuzzer for `sgw map`.
Usage: scripts/fuzz/run [MINUTES] [SEED] [MODE], or map.py --seed N --count N [--adapters a,b] [--minutes M] [--worker W] [--mode byte|field|mixed|clean]

Every iteration i derives its own RNG from (seed, i), so a single case can be regenerated with
--seed S --only I --keep (writes the input to $SGW_FUZZ_DIR/work/ and keeps it).
"""
import copy, argparse, csv, io, json, os, random, re, resource, shutil, signal, subprocess, sys, time, zipfile, hashlib, codecs

# The repository (adapters, mappings, examples/inbox), the binary under test and where findings go; scripts/fuzz/run
# sets them.
CONFIG = os.environ.get("SGW_REPO", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
SGW = os.environ.get("SGW_BIN", os.path.join(CONFIG, ".build", "release", "sgw"))
INBOX = os.path.join(CONFIG, "examples", "inbox")
ROOT = os.environ.get("SGW_FUZZ_DIR", "/tmp/sgw-fuzz")
CRASHES = os.path.join(ROOT, "crashes")
WORK = os.path.join(ROOT, "work")
TIMEOUT = 20
RSS_LIMIT_KB = 300 * 1024
MAX_FILE = 2 * 1024 * 1024

ADAPTERS = {
    "zhoucun-licences": ("csv", ["zhoucun-licences-gbk.csv"], "gbk"),
    "zhoucun-supervision": ("csv", ["zhoucun-supervision-utf8bom.csv"], "utf-8-sig"),
    "liaocheng-penalties": ("json", ["liaocheng-penalties-page1.json", "liaocheng-penalties-page2.json",
                                     "liaocheng-penalties-page3.json"], "data.list"),
    "linzi-licences": ("xlsx", ["linzi-licences.xlsx"], None),
    "qufu-approvals": ("xml", ["qufu-approvals.xml"], None),
    "shicheng-webhook": ("json", ["shicheng-webhook-approval.json"], ""),
}
EXT = {"csv": ".csv", "json": ".json", "xlsx": ".xlsx", "xml": ".xml"}

# Fields that go through interesting transforms, per adapter.
DATE_FIELDS = {"许可日期", "有效期起", "有效期止", "决定日期", "cfjdrq", "cfyxq", "SPRQ", "xkrq", "yxqz", "yxqzhi", "有效期至"}
RANGE_FIELDS = {"YXQ"}
AMOUNT_FIELDS = {"fkje"}
ID_FIELDS = {"统一社会信用代码", "身份证号码", "tyshxydm", "cfjgdm", "sjlydm", "ZJHM", "tyshxydm", "zjhm"}
PHONE_FIELDS = {"联系电话", "XDRLXFS", "lxdh"}
CODE_FIELDS = {"相对人类别", "监管信息类型", "xdrLb", "cflb", "lb"}
REGEX_FIELDS = {"cflb", "zkdx"}

# --------------------------------------------------------------------------------------------------------------
# Adversarial values

def digits(n, r):
    return "".join(r.choice("0123456789") for _ in range(n))

FW = str.maketrans("0123456789-/.:", "０１２３４５６７８９－／．：")

def _pools(r):
    common = [
        "", " ", "\u3000", "\t", "\u0000", "\u200b", "\ufeff", "\u200b\u200b", "\r", "\n", "\r\n", "\"", "\"\"", "'",
        "\\", "<", "&", ",", "，", "-", "--", "至", "至至", "A至B至C", "~", "～", "到", "—", " - ",
        "长期", "永久", "长期有效", "9999", "99991231", "20991231", "2099-12-31",
        "😀" * r.randint(1, 20), "𠀀𠀁𠀂", "e\u0301" * r.randint(1, 50), "\u0301", "\u0301" * 100, "\ud7ff",
        "\U0010FFFF", "\uFFFF", "\uFFFD", "\u202e", "Ａ" * 18, "ｘ", "x" * r.choice([1, 17, 18, 19, 255, 256, 4096]),
        "a" * 100_000, "至" * 30_000, "1" * 100_000, "-" * 50_000, " " * 50_000 + "x", ("a" * 60_000) + " ",
        "NaN", "nan", "inf", "-inf", "Infinity", "-0", "0", "-1", "1e400", "1e-400", "1E308", "0x10", "true", "null",
        digits(40, r), digits(r.randint(1, 400), r), "9" * 40, "-" + "9" * 40,
        "%s%n%x", "{cfyj}", "{", "}", "{{}}", "$0", "\\1", "(", ")", "[", "\\", "^$", "$",
    ]
    dates = [
        "0000-00-00", "9999-99-99", "2024/13/45", "2024年2月30日", "2024年13月1日", "99999999", "00000000", "20240230",
        "2024-02-29", "2023-02-29", "1900-02-29", "0001-01-01", "9999-12-31", "10000-01-01", "2024-1-1 25:61:61",
        "2024-01-01 24:00:00", "2024-01-01T23:59:60", "2024-01-01 99:99:99", "20241301000000", "2024-00-10",
        "2024-10-00", "2024-10-", "-2024-10-01", "2024--10--01", "2024-10-01 00:00:00.000", "2024-10-01 ",
        "２０２４－１０－０１", "２０２４年１０月１日", "2024年10月1日 25:00:00", "45549", "45549.5", "60", "0", "-1", "1e308",
        "2958465", "2958466", "2958465.99999", "2958465.999999999", "0.99999999", "1e-300", "NaN", "-0.0",
        digits(40, r), digits(8, r), digits(14, r), digits(r.randint(1, 30), r), "2024-10-01" * 100,
        "2024-10-01至2025-10-01", "2024-10-01-2025-10-01", "2024-1-1 1:1", "2024.10.01", "2024/10/1 0:00",
        "9" * 4 + "-" + "9" * 40 + "-" + "9" * 40, "2024-" + "1" * 30 + "-1", "2024年" + "0" * 50 + "1月1日",
        "٢٠٢٤-١٠-٠١", "२०२४-१०-०१", "2024-10-01\u0000", "\u00002024-10-01", "2024\u200b-10-01",
    ]
    ranges = [
        "至", "至至", "-", "--", "---", " - ", "~", "～", "到", "—", "A至B至C", "2024-10-28至", "至2027-10-27",
        "2024-10-28至2027-10-27至2030-01-01", "2024-10-28-2027-10-27", "2024-10-28 - 2027-10-27",
        "2024-10-28~长期", "2024-10-28至长期", "长期至长期", "2024-10-28至9999-99-99", "0000-00-00至0000-00-00",
        "-" * r.randint(1, 2000), "至" * r.randint(1, 2000), "2024-10-28" + "至" * 5 + "2027-10-27",
        ("2024-10-28至" * r.randint(1, 5000)), "至-~～到—" * 100, "2024-10-28至" + digits(40, r),
        digits(40, r) + "至" + digits(40, r), "-2024", "2024-", "\u0000至\u0000",
    ]
    amounts = [
        "1e400", "万元", "1.2.3万元", "NaN", "-0", "-0.0", "0", "0.0000001", "0.00000049", "0.0000005",
        "９" * 20 + "万元", "９" * 20, "9" * 40, "9" * 200, "9" * 1000, "1" + "0" * 300, "0." + "0" * 300 + "1",
        "-" + "9" * 40, "1,000,000元", ",,,", "元", "1元元元", "１，０００", "12.", ".5", "-.5", "1e5", "+5",
        "1" * 39 + "." + "9" * 39, "18446744073709551616", "9223372036854775808", "-9223372036854775809",
        "3.4028236e38", "0x1p3", "١٢٣", "１２３.４５", "12 345", "12\u00a0345", "1_000", "00000000000000000000001",
        "9" * 38 + ".5", "340282366920938463463374607431768211455", "99999999999999999999999999999999999999.99999",
    ]
    ids = [
        "37030619801011944", "3703061980101194491", "370306198010119449".lower(), "37030619801011944x",
        "370306202912319449", "370306180001019449", "370306000000000000", "000000000000000000", "999999999999999999",
        "37030619800230944X", "370306801011944", "370306800230944", "9" * 15, "0" * 15, "91370305tepnek4exc",
        "91370305TEPNEK4EX", "91370305TEPNEK4EXCC", "91370305TEPNEK4EXé", "9137030５TEPNEK4EXC", "ＩＯＳＶＺ" * 4,
        "IOSVZIOSVZIOSVZIOS", "!!!!!!!!!!!!!!!!!!", "\u0000" * 18, "é" * 18, "e\u0301" * 18, "😀" * 18,
        "91370305TEPNEK4EX\u0301", " \u3000370306198010119449\u3000 ", "\u3000" * 10, "370306198010119449\n",
        "3703061980101194" + "\u0000\u0000", "37030619801011944" + "\u00ff", "X" * 18, "x" * 15, "1" * 17 + "Ⅹ",
        digits(18, r), digits(17, r) + "X", digits(15, r), digits(r.randint(0, 40), r),
        "".join(r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(18)),
        "".join(r.choice("0123456789ABCDEFGHJKLMNPQRTUWXYabcxyz-_ ") for _ in range(r.randint(0, 25))),
    ]
    phones = [
        "1906abc1110", "＋８６ １９０６１９１１１０４", "+86-190-6191-1104", "(0533)1234567", "１９０６１９１１１０４",
        "--------", "()", "（）", "-" * 10000, "1" * 100, "0", "+", "+86", "８６", "190 6191 1104 ext 12",
        "\u0000", "19061911104\u0000", "𝟏𝟗𝟎𝟔𝟏𝟗𝟏𝟏𝟏𝟎𝟒", "١٩٠٦١٩١١١٠٤", digits(r.randint(0, 30), r),
        "\u3000\u3000", "—" * 20, "０５３３－１２３４５６７", "1906191110４",
    ]
    codes = [
        "法人及非法人组织", " 法人及非法人组织 ", "法人及非法人组织\u200b", "自然人", "个体工商户", "企业法人", "法人",
        "责令停产停业", "吊销许可证件", "行政处罚", "业务培训", "函告", "吊销许可证件;责令停产停业",
        "吊销许可证件" * 5000, "责令停产停业" * 3000 + "x", "吊销许可证件 " + "x" * 100000, "函\u0301告",
        "法人及非法人组织" * 1000, "未知", "NULL", "null",
    ]
    regexy = [
        "a" * r.choice([1000, 10000, 100000, 300000]) + " ", "a" * 100000, " " * 100000, "x " * 50000,
        "道路货物运输经营许可许可证 " * 10000, "许" * 200000 + " ", "\u0301" * 50000 + " ", "吊销许可证件" * 20000 + " ",
    ]
    return common, dates, ranges, amounts, ids, phones, codes, regexy

_POOL_VARIANTS = [_pools(random.Random(k)) for k in range(16)]

def adversarial(r, field=None):
    """An adversarial string, biased by the kind of field."""
    common, dates, ranges, amounts, ids, phones, codes, regexy = r.choice(_POOL_VARIANTS)
    if r.random() < 0.1:
        extra = [digits(r.randint(1, 60), r), digits(18, r), digits(17, r) + "X", digits(8, r),
                 "".join(r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(18))]
        return r.choice(extra)
    # The first kind the field belongs to whose chance comes up picks the pool (a field may be of several kinds).
    biases = [(DATE_FIELDS, 0.8, dates), (RANGE_FIELDS, 0.8, ranges + dates), (AMOUNT_FIELDS, 0.8, amounts),
              (ID_FIELDS, 0.8, ids), (PHONE_FIELDS, 0.8, phones), (REGEX_FIELDS, 0.5, regexy + codes),
              (CODE_FIELDS, 0.7, codes)]
    pool = common
    for fields, chance, biased in biases:
        if field in fields and r.random() < chance:
            pool = biased
            break
    else:
        if r.random() < 0.3:
            pool = r.choice([dates, ranges, amounts, ids, phones, codes])
    v = r.choice(pool)
    # Sometimes combine or decorate.
    x = r.random()
    if x < 0.08:
        v = v + r.choice(pool)
    elif x < 0.12:
        v = v.translate(FW)
    elif x < 0.15:
        v = " \u3000" + v + "\u3000 "
    elif x < 0.17:
        v = v * r.randint(2, 200)
    cap = 300_000 if field in REGEX_FIELDS else 120_000
    if len(v) > cap:
        v = v[:cap]
    return v

# --------------------------------------------------------------------------------------------------------------
# Byte-level mutations

SPECIAL_BYTES = [b'"', b"\r", b"\n", b"\x00", b"\x80", b"\xff", b"\xfe", b"\xef\xbb\xbf", b",", b"<", b">", b"&",
                 b"\\", b"{", b"}", b"[", b"]", b":", b"\xc0", b"\xe4", b"\xe4\xb8", b"\x81\x30", b"\x81\x30\x81\x30",
                 b"\xa1", b"\xd0\xcf\x11\xe0", b"PK\x03\x04", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"]]>", b"<![CDATA[",
                 b"&#0;", b"&#xD800;", b"&#x110000;", b"&amp;amp;", b"</", b"<!--", b"-->", b"<?", b"?>", b"'", b"\t"]

def byte_mutate(data, r, rounds=None):
    b = bytearray(data)
    for _ in range(rounds or r.randint(1, 8)):
        if not b:
            b = bytearray(r.choice(SPECIAL_BYTES))
        op = r.randrange(12)
        n = len(b)
        p = r.randrange(n + 1)
        if op == 0:  # flip bits
            for _ in range(r.randint(1, 8)):
                q = r.randrange(len(b))
                b[q] ^= 1 << r.randrange(8)
        elif op == 1:  # random bytes
            b[p:p] = bytes(r.randrange(256) for _ in range(r.randint(1, 16)))
        elif op == 2:  # delete
            del b[p:p + r.randint(1, 64)]
        elif op == 3:  # truncate
            b = b[:p]
        elif op == 4:  # duplicate chunk
            q = r.randrange(n)
            chunk = b[q:q + r.randint(1, 2000)]
            b[p:p] = chunk * min(r.randint(1, 50), MAX_FILE // (len(chunk) + 1))
        elif op == 5:  # insert special
            b[p:p] = r.choice(SPECIAL_BYTES) * r.choice([1, 1, 1, 2, 10, 1000])
        elif op == 6:  # repeat a line many times
            lines = b.split(b"\n")
            if len(lines) > 1:
                i = r.randrange(len(lines))
                k = min(r.choice([10, 100, 1000, 10000]), MAX_FILE // (len(lines[i]) + 1))
                lines[i + 1:i + 1] = [lines[i]] * k
                b = bytearray(b"\n".join(lines))
        elif op == 7:  # very long field
            b[p:p] = bytes([r.choice(b"a1\xe4,\"<- ")]) * r.choice([1000, 100_000, 1_000_000])
        elif op == 8:  # overwrite with high bytes
            for q in range(p, min(n, p + r.randint(1, 32))):
                b[q] = r.randrange(0x80, 0x100)
        elif op == 9:  # swap two chunks
            if n > 4:
                a, c = sorted(r.sample(range(n), 2))
                b = b[:a] + b[c:] + b[a:c]
        elif op == 10:  # line ending changes
            b = bytearray(b.replace(b"\n", r.choice([b"\r", b"\r\n", b"\r\r\n", b"\n\n", b""]), r.randint(1, 100)))
        else:  # interesting integers as text
            b[p:p] = r.choice([b"0", b"-1", b"9" * 40, b"2147483648", b"9223372036854775807", b"9223372036854775808",
                               b"-9223372036854775808", b"1e308", b"NaN", b"1e400", b"-0"])
        if len(b) > MAX_FILE:
            b = b[:MAX_FILE]
    return bytes(b)

# --------------------------------------------------------------------------------------------------------------
# CSV

def gbk_fallback(err):
    # Unencodable characters are written as their UTF-8 bytes (invalid GBK) or as '?'.
    s = err.object[err.start:err.end]
    return (s.encode("utf-8", "surrogatepass"), err.end)

codecs.register_error("utf8fallback", gbk_fallback)

def csv_mutate(data, r, enc, name):
    text = data.decode(enc)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0] if rows else []
    body = rows[1:]
    nmut = r.choice([1, 1, 2, 3, 5, 10, 50])
    for _ in range(nmut):
        if not body:
            break
        op = r.random()
        row = r.choice(body)
        if op < 0.75 and row:
            c = r.randrange(len(row))
            # bias towards interesting columns
            if r.random() < 0.6:
                interesting = [i for i, h in enumerate(header) if h in DATE_FIELDS | RANGE_FIELDS | AMOUNT_FIELDS |
                               ID_FIELDS | PHONE_FIELDS | CODE_FIELDS | REGEX_FIELDS and i < len(row)]
                if interesting:
                    c = r.choice(interesting)
            row[c] = adversarial(r, header[c] if c < len(header) else None)
        elif op < 0.82:
            row.append(adversarial(r))
        elif op < 0.87 and row:
            del row[r.randrange(len(row))]
        elif op < 0.90:
            body.append(list(row))
        elif op < 0.93 and header:
            c = r.randrange(len(header))
            header[c] = r.choice(["", header[c] + " ", "\ufeff" + header[c], header[(c + 1) % len(header)],
                                  adversarial(r), header[c].upper()])
        elif op < 0.95:
            body.extend([list(row) for _ in range(min(r.choice([100, 1000, 20000]), MAX_FILE // (len(",".join(row)) + 1)))])
        elif op < 0.97:
            row[:] = []
        else:
            row[:] = [adversarial(r) for _ in range(r.randint(0, 40))]
    out = io.StringIO(newline="")
    w = csv.writer(out, quoting=r.choice([csv.QUOTE_MINIMAL, csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
                   lineterminator=r.choice(["\r\n", "\n", "\n", "\r"]))
    w.writerow(header)
    for row in body:
        w.writerow(row)
        if out.tell() > MAX_FILE:
            break
    s = out.getvalue()
    if enc == "gbk":
        e = r.choice(["gbk", "gbk", "gb18030"])
        raw = s.encode(e, errors=r.choice(["utf8fallback", "replace", "ignore"]))
    else:
        # lone surrogates etc. are written raw
        raw = s.encode("utf-8", errors="surrogatepass")
        if r.random() < 0.9:
            raw = b"\xef\xbb\xbf" + raw
    return raw[:MAX_FILE]

# --------------------------------------------------------------------------------------------------------------
# JSON

RAW_NUMBERS = ["1e400", "-1e400", "1e-400", "123456789012345678901234567890123456789012", "-0", "0.0000000000000000000001",
               "1E308", "9" * 400, "-" + "9" * 100, "1." + "1" * 400, "1e2147483648", "1e-2147483649", "0e0", "1E+9999",
               "17976931348623157e292", "4.9e-324", "18446744073709551616", "9223372036854775808",
               "-9223372036854775809", "0.1e1", "1" + "0" * 39]

class Raw:
    def __init__(self, text):
        self.text = text

CLEAN = False  # --mode clean: keep the document well-formed (no values that make the whole file unreadable)

def adversarial_json_value(r, field=None):
    x = r.random()
    if CLEAN and 0.55 <= x < 0.65:
        return adversarial(r, field)
    if CLEAN and x >= 0.88:
        return r.choice([{"a": [adversarial(r)]}, [None], "", " ", 0, -1, 1.5])
    if x < 0.55:
        return adversarial(r, field)
    if x < 0.65:
        return Raw(r.choice(RAW_NUMBERS))
    if x < 0.70:
        return r.choice([0, -1, 1, 2 ** 63, -2 ** 63, 2 ** 64, 1.5, -0.0, 1e308])
    if x < 0.76:
        return r.choice([None, True, False])
    if x < 0.82:
        return r.choice([[], [adversarial(r, field)], [1, 2, 3], [[[]]], [{"a": 1}]])
    if x < 0.88:
        return r.choice([{}, {"a": adversarial(r)}, {"": 1}, {".": 1}, {"0": {"1": None}}])
    if x < 0.91:
        return Raw("\"" + r.choice(["\\ud800", "\\udc00", "\\ud800\\ud800", "\\u0000", "\\udbff\\udfff", "\\uD83D",
                                     "\\u00", "\\x41", "\\/", "\\uFFFE", "\\ud800x"]) + "\"")
    if x < 0.99:
        return r.choice([{"a": [adversarial(r)]}, [None], "", " "])
    if x < 0.995:
        d = r.choice([100, 511, 512, 513, 1000, 10000, 100000])
        return Raw("[" * d + "]" * d)
    d = r.choice([100, 512, 513, 10000])
    return Raw('{"a":' * d + "1" + "}" * d)

def json_dump(v, r):
    """Serialise with Raw placeholders; occasionally ensure_ascii off."""
    ph = {}
    def repl(o):
        if isinstance(o, Raw):
            k = "@@RAW%d@@" % len(ph)
            ph[k] = o.text
            return k
        if isinstance(o, dict):
            return {k: repl(x) for k, x in o.items()}
        if isinstance(o, list):
            return [repl(x) for x in o]
        return o
    s = json.dumps(repl(v), ensure_ascii=r.random() < 0.3, indent=r.choice([None, 1]))
    for k, t in ph.items():
        s = s.replace('"' + k + '"', t)
    return s

def json_mutate(data, r, records_path):
    doc = json.loads(data.decode("utf-8"))
    if records_path:
        cur = doc
        for p in records_path.split("."):
            cur = cur[p]
        records = cur
    else:
        records = [doc]
    nmut = r.choice([1, 1, 2, 3, 5, 10, 40])
    for _ in range(nmut):
        op = r.random()
        rec = r.choice(records) if records else None
        if op < 0.7 and isinstance(rec, dict):
            # pick a leaf (possibly nested)
            target, key = rec, r.choice(list(rec.keys()) or ["x"])
            if isinstance(target.get(key), dict) and r.random() < 0.8 and target[key]:
                target = target[key]
                key = r.choice(list(target.keys()))
            target[key] = adversarial_json_value(r, key)
        elif op < 0.75 and isinstance(rec, dict):
            rec[r.choice(["a.b", "xdr.mc", "xdr", "0", "", "xdr.lb", "cfWsh", "gzcn.sfgzcn", "\u0000", "..", "a" * 1000])] = \
                adversarial_json_value(r)
        elif op < 0.80 and isinstance(rec, dict) and rec:
            del rec[r.choice(list(rec.keys()))]
        elif op < 0.84 and records_path:
            records.append(r.choice([None, 1, "x", [], [rec], Raw("[" * 600 + "]" * 600), dict(rec or {})]))
        elif op < 0.87 and records_path:
            records.extend([copy.deepcopy(rec) for _ in range(min(r.choice([100, 1000, 5000]), MAX_FILE // (len(json_dump(rec, r)) + 1)))])
        elif op < 0.90 and isinstance(rec, dict):
            for k in list(rec.keys()):
                if r.random() < 0.5:
                    rec[k] = adversarial_json_value(r, k)
        elif op < 0.92 and isinstance(rec, dict):
            # wide object
            for i in range(r.choice([100, 10000])):
                rec["k%d" % i] = i
        elif op < 0.97 and isinstance(rec, dict) and "gzcn" in rec:
            rec["gzcn"] = {"sfgzcn": r.choice(["true", True, 1, "TRUE", None, [True]]), "cnsbh": adversarial_json_value(r)}
        elif op < 0.97 or CLEAN:
            continue
        else:
            # structural replacement of the records container / doc
            if records_path and r.random() < 0.5:
                cur = doc
                parts = records_path.split(".")
                for p in parts[:-1]:
                    cur = cur[p]
                cur[parts[-1]] = r.choice([None, {}, "x", 5, Raw("[" * 10000 + "]" * 10000), {"0": rec}, [[rec]]])
                records = []
            else:
                doc = r.choice([doc, [doc], None, "x", Raw("[" * 10000 + "]" * 10000), Raw("1e400"), [], {}])
                break
    s = json_dump(doc, r)
    raw = s.encode("utf-8", errors="surrogatepass")
    x = r.random()
    if x < 0.05:
        raw = b"\xef\xbb\xbf" + raw
    elif x < 0.08:
        raw = raw + b"\n" + raw  # two documents
    elif x < 0.10:
        raw = s.encode("utf-16")
    return raw[:MAX_FILE]

# --------------------------------------------------------------------------------------------------------------
# XML

def xml_escape(s, r):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # XML 1.0 cannot carry most control characters: keep some raw (invalid) and escape others as char refs
    out = []
    for ch in s:
        o = ord(ch)
        if (o < 0x20 and ch not in "\t\r\n") or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF):
            if CLEAN:
                out.append("\uFFFD")
            else:
                out.append(ch if r.random() < 0.3 else "&#x%X;" % o)
        else:
            out.append(ch)
    return "".join(out)

XML_INJECT = ["<![CDATA[2024-10-28至2027-10-27]]>", "<![CDATA[]]>", "<![CDATA[<ROW>]]>", "&#0;", "&#xD800;", "&#x110000;",
              "&amp;amp;", "&lt;", "&#x41;", "&#65;", "&#99999999999;", "&#x;", "&#;", "&nbsp;", "&foo;", "&#x9;",
              "&#xFFFE;", "&#x1F600;", "<!-- c -->", "<?pi data?>", "<X/>", "<X>1</X>", "<SPRQ>2024-01-01</SPRQ>",
              "<![CDATA[" + "a" * 100000 + "]]>", "&amp;" * 20000, "&#x5F;" * 50000, "<a:b xmlns:a='u'>x</a:b>"]

def xml_mutate(data, r):
    s = data.decode("utf-8")
    tags = ["SXMC", "FLWSBH", "XDRMC", "XDRLXFS", "DZ", "ZJHM", "SPRQ", "YXQ", "SPNR", "JGBM", "BZ"]
    nmut = r.choice([1, 1, 2, 3, 5, 10, 40])
    for _ in range(nmut):
        if len(s) > MAX_FILE:
            break
        op = r.random()
        if CLEAN and (0.65 <= op < 0.76 or 0.85 <= op < 0.88):
            op = op * 0.55
        if op < 0.6:
            tag = r.choice(tags)
            ms = list(re.finditer(r"<%s>([^<]*)</%s>|<%s/>" % (tag, tag, tag), s))
            if not ms:
                continue
            m = r.choice(ms)
            if r.random() < 0.8 or (CLEAN and r.random() < 0.5):
                val = xml_escape(adversarial(r, tag), r)
            else:
                inj = [x for x in XML_INJECT if not CLEAN or x not in ("&#0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&#x;", "&#;", "&nbsp;", "&foo;", "&#xFFFE;")]
                val = r.choice(inj) * r.choice([1, 1, 2, 100])
            s = s[:m.start()] + "<%s>%s</%s>" % (tag, val, tag) + s[m.end():]
        elif op < 0.65:
            # attributes
            ms = list(re.finditer(r"<(ROW|DATA|SPRQ|YXQ|ZJHM)>", s))
            if ms:
                m = r.choice(ms)
                attrs = r.choice([' SPRQ="9999-99-99"', ' a="1" a="2"', ' xmlns="urn:x"', ' xmlns:p="u" p:x="1"',
                                  ' YXQ="&#0;"', ' x="' + "a" * 100000 + '"', ' ZJHM="%s"' % xml_escape(adversarial(r, "ZJHM"), r),
                                  "".join(' a%d="%d"' % (i, i) for i in range(r.choice([10, 1000, 20000])))])
                s = s[:m.end() - 1] + attrs + s[m.end() - 1:]
        elif op < 0.70:
            # deep nesting inside a record or at top
            d = r.choice([63, 64, 65, 100, 1000, 10000])
            inner = "<N>" * d + "x" + "</N>" * d
            ms = list(re.finditer(r"<ROW>", s))
            m = r.choice(ms) if ms else None
            pos = m.end() if m else s.find("<DATA>") + 6
            s = s[:pos] + inner + s[pos:]
        elif op < 0.73:
            pro = r.choice(['<!DOCTYPE DATA [<!ENTITY x "y">]>', '<!DOCTYPE DATA SYSTEM "file:///etc/passwd">',
                            '<!DOCTYPE DATA [<!ENTITY a "&a;&a;">]>', "<?pi x?>", "<!-- " + "c" * 100000 + " -->",
                            "\ufeff", "<!DOCTYPE", " " * 1000000, "<?xml-stylesheet href='x'?>",
                            '<!DOCTYPE DATA [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'])
            pos = s.find("?>") + 2 if r.random() < 0.7 else 0
            s = s[:pos] + pro + s[pos:]
        elif op < 0.76:
            s = re.sub(r'encoding="UTF-8"', r.choice(['encoding="GBK"', 'encoding="UTF-16"', 'encoding="bogus"',
                                                       'encoding="ISO-8859-1"', 'encoding=""', 'version="2.0"']), s, 1)
        elif op < 0.79:
            # duplicate rows
            ms = list(re.finditer(r"<ROW>.*?</ROW>", s, re.S))
            if ms:
                m = r.choice(ms)
                s = s[:m.end()] + m.group(0) * min(r.choice([10, 100, 1000, 5000]), MAX_FILE // len(m.group(0))) + s[m.end():]
        elif op < 0.82:
            # duplicate field in a record / nested field
            ms = list(re.finditer(r"<SPRQ>[^<]*</SPRQ>", s))
            if ms:
                m = r.choice(ms)
                extra = r.choice([m.group(0), "<SPRQ><X>1</X></SPRQ>", "<SPRQ><SPRQ>2024-01-01</SPRQ></SPRQ>",
                                  "<YXQ>a</YXQ><YXQ>b</YXQ>", "<ROW><SPRQ>x</SPRQ></ROW>"]) * r.choice([1, 2, 100])
                s = s[:m.end()] + extra + s[m.end():]
        elif op < 0.85:
            # namespaces / renamed root
            s = s.replace("<DATA>", r.choice(["<DATA xmlns='urn:a'>", "<p:DATA xmlns:p='u'>", "<data>", "<DATA><DATA>"]), 1)
        elif op < 0.88:
            # mismatched / unclosed
            pos = r.randrange(len(s))
            s = s[:pos] + r.choice(["</ROW>", "<ROW>", "</DATA>", "<", "&", "]]>", "</X>"]) + s[pos:]
        else:
            # many tiny records
            ms = list(re.finditer(r"</ROW>", s))
            if ms:
                m = r.choice(ms)
                s = s[:m.end()] + r.choice(["<ROW/>", "<ROW></ROW>", "<ROW><BZ/></ROW>", "<ROW>text</ROW>"]) * \
                    r.choice([1, 100, 10000, 50000]) + s[m.end():]
    enc = "utf-8"
    s = s[:MAX_FILE * 2]
    raw = s.encode(enc, errors="surrogatepass")
    if r.random() < 0.03:
        raw = s.encode("utf-16")
    return raw[:MAX_FILE]

# --------------------------------------------------------------------------------------------------------------
# XLSX

SST_RELS_ENTRY = '<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
SST_CT_ENTRY = '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'

def xlsx_parts(data):
    z = zipfile.ZipFile(io.BytesIO(data))
    return [(i.filename, z.read(i.filename)) for i in z.infolist()]

SERIALS = ["1e308", "-1", "2958466", "2958465", "2958465.99999", "2958465.999999", "2958465.9999999999", "60", "59", "61",
           "0", "0.5", "0.999999", "0.9999999999", "NaN", "nan", "inf", "-inf", "Infinity", "1e-300", "-0", "45549.9999999999",
           "4.5549E4", "0x10", " 45549 ", "45549 ", "", "1" * 40, "9" * 400, "1e400", "1.7976931348623157e308",
           "-1e308", "2957003", "2957004", "2958465.5", "45549,5", "4554９", "45549\u0000", "1e19", "9.3e18",
           "9223372036854775807", "9223372036854775808", "-9223372036854775809", "5e-324", "1.5"]

REFS = ["A0", "XFE1048577", "ZZZZZZ1", "XFD1", "XFD1048576", "AAAA1", "1", "", "a3", "$A$3", "A-1", "A99999999999999999999",
        "A9223372036854775807", "Ａ3", "A", "AA", "@3", "[3", "A3:B3", "\u0000", "A 3"]

ROW_NUMS = ["0", "-1", "1", "2", "3", "1048577", "9223372036854775807", "9223372036854775806", "-9223372036854775808",
            "99999999999999999999", "", "x", "2.5", " 3", "3 ", "+3", "０"]

def xlsx_mutate_sheet(s, r, shared):
    nmut = r.choice([1, 1, 2, 3, 5, 10, 40])
    for _ in range(nmut):
        if len(s) > MAX_FILE:
            break
        op = r.random()
        if op < 0.2:
            # date serial values in G/H columns (date style)
            ms = list(re.finditer(r'(<c r="[GH]\d+"[^>]*><v>)([^<]*)(</v>)', s))
            if ms:
                m = r.choice(ms)
                s = s[:m.start(2)] + xml_escape(r.choice(SERIALS), r) + s[m.end(2):]
        elif op < 0.35:
            # inline string text
            ms = list(re.finditer(r"(<t>)([^<]*)(</t>)", s))
            if ms:
                m = r.choice(ms)
                s = s[:m.start(2)] + xml_escape(adversarial(r, r.choice(["统一社会信用代码", "许可日期", "有效期至", None])), r) \
                    + s[m.end(2):]
        elif op < 0.45:
            # cell refs
            ms = list(re.finditer(r'<c r="([^"]*)"', s))
            if ms:
                m = r.choice(ms)
                if r.random() < 0.2:
                    s = s[:m.start()] + "<c" + s[m.end():]  # drop r
                else:
                    s = s[:m.start(1)] + r.choice(REFS) + s[m.end(1):]
        elif op < 0.55:
            # row numbers
            ms = list(re.finditer(r'<row r="([^"]*)"', s))
            if ms:
                m = r.choice(ms)
                if r.random() < 0.25:
                    s = s[:m.start()] + "<row" + s[m.end():]
                else:
                    s = s[:m.start(1)] + r.choice(ROW_NUMS) + s[m.end(1):]
        elif op < 0.62:
            # cell type / style attributes
            ms = list(re.finditer(r'<c r="[A-Z]+\d+"( s="\d+")?( t="[^"]*")?', s))
            if ms:
                m = r.choice(ms)
                attrs = r.choice([' t="s"', ' t="b"', ' t="e"', ' t="str"', ' t="d"', ' t="n"', ' t="bogus"', ' t=""',
                                  ' s="1"', ' s="-1"', ' s="99999999999999999999"', ' s="1" t="n"', ' s="0"', ' s="2"',
                                  ' s="9223372036854775807"', ' t="s" s="1"', ' t="inlineStr"'])
                s = s[:m.start()] + '<c r="%s"' % re.search(r'r="([^"]*)"', m.group(0)).group(1) + attrs + s[m.end():]
        elif op < 0.72:
            # shared string references
            ms = list(re.finditer(r'<c r="([A-Z]+\d+)"([^>]*)>(<is>.*?</is>|<v>[^<]*</v>)</c>', s))
            if ms:
                m = r.choice(ms)
                idx = r.choice(["-1", "0", "1", str(len(shared)), str(len(shared) - 1), "9999999999", "99999999999999999999",
                                "9223372036854775807", "-9223372036854775808", "x", "", " 0 ", "1e3", "0x1", "١"])
                s = s[:m.start()] + '<c r="%s" t="s"><v>%s</v></c>' % (m.group(1), idx) + s[m.end():]
        elif op < 0.76:
            # many columns / huge rows
            ms = list(re.finditer(r'</row>', s))
            if ms:
                m = r.choice(ms)
                n = r.choice([100, 3000, 16385])
                cells = "".join('<c t="inlineStr"><is><t>%d</t></is></c>' % i for i in range(n))
                s = s[:m.start()] + cells + s[m.start():]
        elif op < 0.80:
            # duplicate rows
            ms = list(re.finditer(r'<row [^>]*>.*?</row>', s))
            if ms:
                m = r.choice(ms)
                s = s[:m.end()] + m.group(0) * min(r.choice([2, 100, 5000]), MAX_FILE // len(m.group(0))) + s[m.end():]
        elif op < 0.83:
            # rich text runs / phonetic
            ms = list(re.finditer(r"<is>(<t>[^<]*</t>)</is>", s))
            if ms:
                m = r.choice(ms)
                s = s[:m.start()] + r.choice(["<is><r><t>a</t></r><r><t>b</t></r></is>", "<is><rPh><t>x</t></rPh><t>y</t></is>",
                                              "<is></is>", "<is><t/></is>", "<is><t xml:space='preserve'> </t></is>",
                                              "<is><r><t>" + "a" * 200000 + "</t></r></is>" * 1]) + s[m.end():]
        elif op < 0.86:
            d = r.choice([60, 64, 65, 1000, 10000])
            pos = s.find("<sheetData>") + len("<sheetData>")
            s = s[:pos] + "<x>" * d + "</x>" * d + s[pos:]
        elif op < 0.89:
            # cells out of order / same cell twice / column far right
            ms = list(re.finditer(r'<row r="(\d+)"[^>]*>', s))
            if ms:
                m = r.choice(ms)
                rn = m.group(1)
                extra = r.choice(['<c r="I%s" t="inlineStr"><is><t>dup</t></is></c>' % rn,
                                  '<c r="A%s"><v>1</v></c>' % rn, '<c r="XFD%s"><v>1</v></c>' % rn,
                                  '<c r="B%s" t="inlineStr"><is><t>x</t></is></c>' % rn * 50,
                                  '<c r="ZZ%s"/>' % rn, '<c/>' * 20000, '<c r="A1"><v>1</v></c>'])
                s = s[:m.end()] + extra + s[m.end():]
        elif op < 0.92:
            # mergeCells, dimension, formulas
            s = s.replace('<dimension ref="A1:I32" />', r.choice(['<dimension ref="A1:XFD1048576" />', '<dimension ref="" />',
                                                                  '<dimension ref="ZZZZ0" />', '']), 1)
            if r.random() < 0.5:
                ms = list(re.finditer(r'<c r="([A-Z]+\d+)"([^>]*)>', s))
                if ms:
                    m = r.choice(ms)
                    s = s[:m.end()] + "<f>NOW()</f>" + s[m.end():]
        else:
            # header row changes
            ms = list(re.finditer(r'(<row r="2"[^>]*>.*?)(<t>)([^<]*)(</t>)', s))
            if ms:
                m = r.choice(ms)
                s = s[:m.start(3)] + xml_escape(r.choice(["", "许可日期", "统一社会信用代码", adversarial(r)]), r) + s[m.end(3):]
    return s

def xlsx_mutate(data, r):
    parts = xlsx_parts(data)
    d = dict(parts)
    order = [n for n, _ in parts]
    sheet = d["xl/worksheets/sheet1.xml"].decode("utf-8")
    shared = []
    x = r.random()
    # Sometimes convert inline strings to shared strings (the sample has none)
    if x < 0.5:
        def conv(m):
            shared.append(m.group(2))
            return '<c r="%s"%s t="s"><v>%d</v></c>' % (m.group(1), m.group(3) or "", len(shared) - 1)
        sheet = re.sub(r'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t>([^<]*)</t></is></c>',
                       lambda m: (shared.append(m.group(3)), '<c r="%s"%s t="s"><v>%d</v></c>' %
                                  (m.group(1), m.group(2) or "", len(shared) - 1))[1], sheet)
        for _ in range(r.choice([0, 1, 3, 10])):
            if shared:
                i = r.randrange(len(shared))
                shared[i] = xml_escape(adversarial(r, r.choice(["统一社会信用代码", "许可日期", "有效期至", None])), r)
    sheet = xlsx_mutate_sheet(sheet, r, shared)
    d["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8", errors="surrogatepass")
    if shared or r.random() < 0.1:
        items = "".join("<si><t>%s</t></si>" % t for t in shared)
        if r.random() < 0.15:
            items += r.choice(["<si/>", "<si><r><t>a</t></r><r><t>b</t></r></si>", "<si><t>" + "x" * 300000 + "</t></si>",
                               "<si>" * 100 + "</si>" * 100, "<si><rPh><t>ph</t></rPh></si>",
                               "<si><t>a</t></si>" * 100000])
        sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
               'spreadsheetml/2006/main" count="%s" uniqueCount="%s">%s</sst>' %
               (r.choice([str(len(shared)), "-1", "99999999999999999999", "0"]), str(len(shared)), items))
        d["xl/sharedStrings.xml"] = sst.encode("utf-8", errors="surrogatepass")
        order.append("xl/sharedStrings.xml")
        d["xl/_rels/workbook.xml.rels"] = d["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>",
                                                                                   SST_RELS_ENTRY.encode() + b"</Relationships>")
        d["[Content_Types].xml"] = d["[Content_Types].xml"].replace(b"</Types>", SST_CT_ENTRY.encode() + b"</Types>")
    y = r.random()
    if CLEAN:
        y = 1.0
    if y < 0.15:
        st = d["xl/styles.xml"].decode()
        st = r.choice([
            lambda s: re.sub(r'numFmtId="(\d+)"', lambda m: 'numFmtId="%s"' % r.choice(["14", "22", "-1", "999999999999999999999", "x", "164", "0", "49"]), s),
            lambda s: re.sub(r'formatCode="[^"]*"', 'formatCode="%s"' % r.choice(["yyyy-mm-dd", "[h]:mm", "0.00", "", "\"d\"", "yyyy&quot;年&quot;m&quot;月&quot;", "[Red]General", "mm:ss.0", "\\d"]), s),
            lambda s: re.sub(r'<cellXfs count="\d+">', '<cellXfs count="%s">' % r.choice(["0", "-1", "99999999999999999999"]), s),
            lambda s: s.replace("</cellXfs>", '<xf numFmtId="14"/>' * r.choice([1, 1000, 100000]) + "</cellXfs>"),
            lambda s: s.replace("</styleSheet>", '<numFmts count="1"><numFmt numFmtId="14" formatCode="0.00"/><numFmt numFmtId="164" formatCode="yyyy"/></numFmts></styleSheet>'),
            lambda s: "<" * 10,
            lambda s: "",
        ])(st)
        d["xl/styles.xml"] = st.encode()
    elif y < 0.25:
        wb = d["xl/workbook.xml"].decode()
        wb = r.choice([
            lambda s: s.replace("<workbook ", '<workbook ').replace("<sheets>", '<workbookPr date1904="%s"/><sheets>' % r.choice(["1", "true", "0", "x"])),
            lambda s: re.sub(r'r:id="[^"]*"', 'r:id="%s"' % r.choice(["rId99", "", "rId1", "x" * 10000]), s),
            lambda s: re.sub(r'<sheet [^>]*/>', "", s),
            lambda s: s.replace("</sheets>", '<sheet name="x" sheetId="2" r:id="rId1"/>' * 5 + "</sheets>"),
            lambda s: re.sub(r'name="[^"]*"', 'name="%s"' % r.choice(["", "&#0;", "x" * 1000]), s),
            lambda s: "",
        ])(wb)
        d["xl/workbook.xml"] = wb.encode()
    elif y < 0.32:
        rel = d["xl/_rels/workbook.xml.rels"].decode()
        rel = r.choice([
            lambda s: re.sub(r'Target="worksheets/sheet1.xml"', 'Target="%s"' % r.choice(["/xl/worksheets/sheet1.xml", "../../etc/passwd", "worksheets/none.xml", "", "worksheets/../worksheets/sheet1.xml", "xl/styles.xml", "sharedStrings.xml", "worksheets/SHEET1.XML"]), s),
            lambda s: "",
            lambda s: s.replace("Relationship ", "Relationship TargetMode=\"External\" "),
        ])(rel)
        d["xl/_rels/workbook.xml.rels"] = rel.encode()
    elif y < 0.38:
        # byte-mutate one inner xml part
        n = r.choice([k for k in d if k.endswith(".xml") or k.endswith(".rels")])
        d[n] = byte_mutate(d[n], r, r.randint(1, 4))
    elif y < 0.41:
        # drop a part
        n = r.choice(list(d))
        del d[n]
        order.remove(n)
    out = io.BytesIO()
    comp = r.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
    with zipfile.ZipFile(out, "w", comp) as z:
        seen = set()
        for n in order:
            if n in seen or n not in d:
                continue
            seen.add(n)
            z.writestr(n, d[n])
        if r.random() < 0.03:
            with_dupe = r.choice(list(d))
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                z.writestr(with_dupe, b"<x/>")
        if r.random() < 0.03:
            z.writestr(r.choice(["XL/WORKSHEETS/SHEET1.XML", "xl/worksheets/sheet1.xml/", "../evil", "/abs"]), d.get("xl/worksheets/sheet1.xml", b""))
    raw = out.getvalue()
    if r.random() < 0.1 and not CLEAN:
        raw = byte_mutate(raw, r, r.randint(1, 3))
    return raw[:MAX_FILE]

# --------------------------------------------------------------------------------------------------------------

def make_case(adapter, i, seed, mode):
    r = random.Random("%d:%s:%d" % (seed, adapter, i))
    fmt, samples, extra = ADAPTERS[adapter]
    sample = r.choice(samples)
    data = open(os.path.join(INBOX, sample), "rb").read()
    global CLEAN
    CLEAN = mode == "clean"
    use_field = mode in ("field", "clean") or (mode == "mixed" and r.random() < 0.65)
    kind = "field" if use_field else "byte"
    try:
      for attempt in range(4):
        if use_field:
            if fmt == "csv":
                out = csv_mutate(data, r, extra, adapter)
            elif fmt == "json":
                out = json_mutate(data, r, extra)
            elif fmt == "xml":
                out = xml_mutate(data, r)
            else:
                out = xlsx_mutate(data, r)
            if len(out) >= MAX_FILE and attempt < 3:
                continue  # too big: it would be truncated; generate again
            if r.random() < 0.1 and not CLEAN:
                out = byte_mutate(out, r, r.randint(1, 2))
                kind = "field+byte"
        else:
            out = byte_mutate(data, r)
        break
    except Exception as e:  # generator bug: fall back to byte mutation
        out = byte_mutate(data, r)
        kind = "byte(fallback:%s)" % type(e).__name__
    return out, kind, sample

def preexec():
    os.nice(10)
    # safety net: 4 GB of data segment
    resource.setrlimit(resource.RLIMIT_DATA, (4 << 30, 4 << 30))
    os.setsid()

def run_case(adapter, path, tag):
    errf = os.path.join(WORK, "err_%s.txt" % tag)
    timef = os.path.join(WORK, "time_%s.txt" % tag)
    cmd = ["/usr/bin/time", "-f", "%M", "-o", timef, SGW, "map", "--config", CONFIG, "--adapter", adapter, path]
    t0 = time.time()
    with open(errf, "wb") as ef:
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=ef, preexec_fn=preexec)
        try:
            rc = p.wait(timeout=TIMEOUT)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            rc = p.returncode
            timed_out = True
    dt = time.time() - t0
    rss = 0
    sig = None
    try:
        t = open(timef).read()
        m = re.search(r"Command terminated by signal (\d+)", t)
        if m:
            sig = int(m.group(1))
        nums = re.findall(r"^(\d+)$", t, re.M)
        if nums:
            rss = int(nums[-1])
    except OSError:
        pass
    err = open(errf, "rb").read()
    return rc, sig, timed_out, rss, dt, err

def signature(rc, sig, timed_out, rss, err):
    text = err.decode("utf-8", "replace")
    if timed_out:
        return "timeout"
    if sig or rc not in (0, 1):
        m = re.search(r"(Fatal error:[^\n]*|Crash[^\n]*|Program crashed:[^\n]*|Illegal instruction[^\n]*|Segmentation[^\n]*|"
                      r"precondition[^\n]*|Assertion[^\n]*)", text)
        line = m.group(1) if m else (text.strip().splitlines() or ["<no stderr>"])[-1]
        line = re.sub(r"\d+", "N", line)[:200]
        return "rc=%s sig=%s %s" % (rc, sig, line)
    if rss > RSS_LIMIT_KB:
        return "memory"
    return None

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--minutes", type=float, default=0)
    ap.add_argument("--adapters", default=",".join(ADAPTERS))
    ap.add_argument("--mode", default="mixed", choices=["mixed", "byte", "field", "clean"])
    ap.add_argument("--worker", default="w0")
    ap.add_argument("--only", type=int, default=None, help="regenerate one case index (with --adapters one adapter)")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    os.makedirs(CRASHES, exist_ok=True)
    os.makedirs(WORK, exist_ok=True)
    adapters = a.adapters.split(",")
    logf = open(os.path.join(ROOT, "log_%s.jsonl" % a.worker), "a")
    stats = {ad: {"runs": 0, "rc0": 0, "rc1": 0, "bad": 0} for ad in adapters}
    sigcount = {}
    deadline = time.time() + a.minutes * 60 if a.minutes else None
    indices = [a.only] if a.only is not None else range(a.start, a.start + a.count)
    for i in indices:
        if deadline and time.time() > deadline:
            break
        adapter = adapters[i % len(adapters)] if a.only is None else adapters[0]
        data, kind, sample = make_case(adapter, i, a.seed, a.mode)
        ext = EXT[ADAPTERS[adapter][0]]
        path = os.path.join(WORK, "in_%s%s" % (a.worker, ext))
        with open(path, "wb") as f:
            f.write(data)
        rc, sig, to, rss, dt, err = run_case(adapter, path, a.worker)
        st = stats[adapter]
        st["runs"] += 1
        if rc == 0:
            st["rc0"] += 1
        elif rc == 1:
            st["rc1"] += 1
        sg = signature(rc, sig, to, rss, err)
        rec = {"i": i, "seed": a.seed, "adapter": adapter, "kind": kind, "sample": sample, "rc": rc, "sig": sig,
               "timeout": to, "rss_kb": rss, "secs": round(dt, 2), "size": len(data)}
        if sg:
            st["bad"] += 1
            rec["signature"] = sg
            n = sigcount.get((adapter, sg), 0) + 1
            sigcount[(adapter, sg)] = n
            if n <= 15:
                h = hashlib.sha1(data).hexdigest()[:10]
                base = os.path.join(CRASHES, "%s_s%d_i%d_%s" % (adapter, a.seed, i, h))
                with open(base + ext, "wb") as f:
                    f.write(data)
                tail = err.decode("utf-8", "replace").splitlines()
                with open(base + ".stderr.txt", "w") as f:
                    f.write("adapter: %s\nsignature: %s\nrc=%s signal=%s timeout=%s rss_kb=%s secs=%.2f size=%d kind=%s\n"
                            "--- stderr (first 60 / last 30 lines) ---\n" % (adapter, sg, rc, sig, to, rss, dt, len(data), kind))
                    f.write("\n".join(tail[:60]))
                    if len(tail) > 90:
                        f.write("\n...\n" + "\n".join(tail[-30:]))
                    elif len(tail) > 60:
                        f.write("\n" + "\n".join(tail[60:]))
                    f.write("\n")
                rec["saved"] = base + ext
            print("[%s] %s i=%d %s (%.1fs, %d KB)" % (a.worker, adapter, i, sg, dt, rss), flush=True)
        logf.write(json.dumps(rec, ensure_ascii=False) + "\n")
        logf.flush()
        if a.keep:
            shutil.copy(path, os.path.join(WORK, "kept_%s_%d%s" % (adapter, i, ext)))
    json.dump({"stats": stats, "signatures": {"%s | %s" % k: v for k, v in sigcount.items()}},
              open(os.path.join(ROOT, "stats_%s.json" % a.worker), "w"), ensure_ascii=False, indent=1)
    print(json.dumps(stats, indent=1))
    for k, v in sigcount.items():
        print(v, k)

if __name__ == "__main__":
    main()
