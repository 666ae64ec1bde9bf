#!/usr/bin/env python3
"""Hostile and broken inputs for `sgw map`, one per case (issue 28), and a runner that measures each.
Usage: scripts/fuzz/hostile [OUT] [CASE...], or hostile.py --out DIR [--write-only] [--only NAME,NAME]

Each case is a file in OUT/cases/ with the adapter that reads it. OUT/config/ is a configuration folder: the
repository's mappings and adapters, plus the adapters the cases need that are not shipped (a JSON file adapter, a
list of pages). The runner feeds each case to `sgw map` with a 10 s timeout and prints a table: case, exit code,
seconds, peak MB (GNU time's maximum resident set), signal, and the first line of stderr.
"""
import argparse, io, os, re, shutil, signal, subprocess, sys, time, zipfile

REPO = os.environ.get("SGW_REPO", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
SGW = os.environ.get("SGW_BIN", os.path.join(REPO, ".build", "release", "sgw"))
INBOX = os.path.join(REPO, "examples", "inbox")
TIMEOUT = 10

# Adapters the cases need besides the shipped ones (the shipped JSON adapter polls over HTTP: `sgw map` reads a file
# through any adapter, but a list of pages needs `records: '*.data.list'`).
EXTRA_ADAPTERS = {
    "hostile-pages": "kind: file\nmapping: liaocheng-penalties\nformat: {type: json, records: '*.data.list'}\nfile: {inbox: .}\n",
}


def sample(name):
    with open(os.path.join(INBOX, name), "rb") as f:
        return f.read()


def csv_cases():
    sup = sample("zhoucun-supervision-utf8bom.csv")
    lic = sample("zhoucun-licences-gbk.csv")
    lines = sup.split(b"\n")
    yield "csv-cr-only", "zhoucun-supervision", ".csv", sup.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    yield "csv-empty", "zhoucun-supervision", ".csv", b""
    yield "csv-header-only", "zhoucun-supervision", ".csv", lines[0] + b"\n"
    # An opening quote at row 4 closed on line 500: 497 lines in one row.
    body = [lines[0]] + [lines[1 + i % (len(lines) - 2)] for i in range(600)]
    body[3] = b'"' + body[3]
    body[499] = body[499] + b'"'
    yield "csv-stray-quote", "zhoucun-supervision", ".csv", b"\n".join(body) + b"\n"
    yield "csv-utf8-under-gbk", "zhoucun-licences", ".csv", lic.decode("gb18030").encode("utf-8")
    header = lines[0].split(b",")
    yield "csv-duplicate-header", "zhoucun-supervision", ".csv", b"\n".join([b",".join(header + [header[2]])] + [l.rstrip(b"\r") + b",x" for l in lines[1:] if l.strip()]) + b"\n"
    yield "csv-20mb-row", "zhoucun-supervision", ".csv", lines[0] + b"\n" + b"x" * (20 << 20) + b"\n" + lines[1] + b"\n"
    yield "csv-1m-columns", "zhoucun-supervision", ".csv", lines[0] + b"\n" + b"," * 1_000_000 + b"\n" + lines[1] + b"\n"
    # GB18030-only characters (U+4DAE, U+2A6A5) in a GBK file, in a row that is rejected.
    text = lic.decode("gb18030").split("\n")
    text[2] = text[2].replace(",", ",\u4dae\U0002a6a5", 1) + ",extra"
    yield "csv-gb18030-in-gbk", "zhoucun-licences", ".csv", "\n".join(text).encode("gb18030")


def page(records, extra=b""):
    return b'{"code":"200","data":{"total":%d,' % len(records) + extra + b'"list":[' + b",".join(records) + b"]}}"


def json_cases():
    doc = sample("liaocheng-penalties-page1.json")
    m = re.search(rb'"list":\s*\[(.*)\]\s*}\s*}\s*$', doc, re.S)
    first = re.match(rb"\s*(\{.*?\n   \})", m.group(1), re.S).group(1)
    yield "json-4m-array-unread", "liaocheng-penalties", ".json", page([first], b'"junk":[' + b",".join([b"1"] * 4_000_000) + b"],")
    yield "json-15m-array-unread", "liaocheng-penalties", ".json", page([first], b'"junk":[' + b",".join([b"0"] * 15_700_000) + b"],")
    yield "json-60mb-value-unread", "liaocheng-penalties", ".json", page([first], b'"junk":"' + b"x" * (60 << 20) + b'",')
    yield "json-60mb-value-read", "liaocheng-penalties", ".json", page([first.replace(b'"wfss": "', b'"wfss": "' + b"x" * (60 << 20))])
    yield "json-1m-members-unread", "liaocheng-penalties", ".json", page([first], b'"junk":{' + b",".join(b'"k%d":1' % i for i in range(1_000_000)) + b"},")
    yield "json-deep-100k", "liaocheng-penalties", ".json", page([first], b'"junk":' + b"[" * 100_000 + b"]" * 100_000 + b",")
    yield "json-big-numbers", "liaocheng-penalties", ".json", page([first.replace(b'"fkje": null', b'"fkje": 1e400'),
                                                                   first.replace(b'"fkje": null', b'"fkje": ' + b"9" * 100_000)])
    yield "json-duplicate-keys", "liaocheng-penalties", ".json", page([first.replace(b'"xdrMc":', b'"xdrMc": "dup", "xdrMc":')])
    pages = [sample("liaocheng-penalties-page%d.json" % i) for i in (1, 2, 3)]
    yield "json-list-of-pages", "hostile-pages", ".json", b"[" + b",".join(pages) + b"]"
    yield "json-truncated", "liaocheng-penalties", ".json", doc[: len(doc) // 2]


def xml_cases():
    doc = sample("qufu-approvals.xml")
    for n in (160_000, 300_000):
        attributes = b"".join(b' a%d="1"' % i for i in range(n))
        yield "xml-%dk-attributes" % (n // 1000), "qufu-approvals", ".xml", doc.replace(b"<ROW>", b"<ROW" + attributes + b">", 1)
    yield "xml-5mb-attribute", "qufu-approvals", ".xml", doc.replace(b"<ROW>", b'<ROW note="' + b"x>" * (5 << 19) + b'">', 1)
    yield "xml-record-path-matches-nothing", "qufu-approvals", ".xml", doc.replace(b"<ROW>", b"<RECORD>").replace(b"</ROW>", b"</RECORD>")
    yield "xml-empty", "qufu-approvals", ".xml", b""


def xlsx_with(sheet=None, shared=None, mutate=None):
    src = zipfile.ZipFile(io.BytesIO(sample("linzi-licences.xlsx")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet1.xml" and sheet:
                data = sheet(data)
            z.writestr(name, data)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
    data = out.getvalue()
    return mutate(data) if mutate else data


def shared_strings(n, width=0):
    # Distinct strings, so that the part compresses as a real table does, not as a zip bomb.
    return (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + b"".join(b"<si><t>%0*x</t></si>" % (width, i * 2654435761 % (1 << 40)) for i in range(n)) + b"</sst>")


def xlsx_cases():
    yield "xlsx-5.6m-shared-strings", "linzi-licences", ".xlsx", xlsx_with(shared=shared_strings(5_600_000))
    # Under the default count, each string long enough to be an object of its own: over the memory bound; and a
    # million of them, within it, kept.
    yield "xlsx-1.9m-long-shared-strings", "linzi-licences", ".xlsx", xlsx_with(shared=shared_strings(1_900_000, 24))
    yield "xlsx-1m-long-shared-strings-kept", "linzi-licences", ".xlsx", xlsx_with(shared=shared_strings(1_000_000, 24))
    attributes = b"".join(b' a%d="1"' % i for i in range(300_000))
    yield "xlsx-300k-attributes", "linzi-licences", ".xlsx", xlsx_with(sheet=lambda s: s.replace(b'<c r="A3"', b'<c r="A3"' + attributes, 1))
    # General-purpose bit 0 (encrypted) on every local header and central directory entry, as ZipCrypto sets it.
    def encrypt(data):
        b = bytearray(data)
        for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            for m in re.finditer(re.escape(sig), bytes(b)):
                b[m.start() + off] |= 1
        return bytes(b)
    yield "xlsx-zipcrypto", "linzi-licences", ".xlsx", xlsx_with(mutate=encrypt)
    whole = sample("linzi-licences.xlsx")
    yield "xlsx-truncated", "linzi-licences", ".xlsx", whole[: len(whole) * 2 // 3]


def write_cases(out, only):
    cases = os.path.join(out, "cases")
    config = os.path.join(out, "config")
    shutil.rmtree(cases, ignore_errors=True)
    shutil.rmtree(config, ignore_errors=True)
    os.makedirs(cases)
    # The configuration: the repository's own folders, with the extra adapters beside the shipped ones.
    os.makedirs(config)
    for entry in os.listdir(REPO):
        if entry != "adapters" and not entry.startswith("."):
            os.symlink(os.path.join(REPO, entry), os.path.join(config, entry))
    shutil.copytree(os.path.join(REPO, "adapters"), os.path.join(config, "adapters"))
    for name, text in EXTRA_ADAPTERS.items():
        with open(os.path.join(config, "adapters", name + ".yaml"), "w") as f:
            f.write(text)
    listed = []
    for generator in (csv_cases, json_cases, xml_cases, xlsx_cases):
        for name, adapter, ext, data in generator():
            if only and name not in only:
                continue
            path = os.path.join(cases, name + ext)
            with open(path, "wb") as f:
                f.write(data)
            listed.append((name, adapter, path))
    return config, listed


def run_case(config, adapter, path):
    timef = path + ".time"
    cmd = ["/usr/bin/time", "-v", "-o", timef, SGW, "map", "--config", config, "--adapter", adapter, path]
    t0 = time.time()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = p.communicate(timeout=TIMEOUT)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        _, err = p.communicate()
        timed_out = True
    seconds = time.time() - t0
    report = open(timef).read() if os.path.exists(timef) else ""
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    sig = re.search(r"Command terminated by signal (\d+)", report)
    status = re.search(r"Exit status: (\d+)", report)
    lines = [l for l in err.decode("utf-8", "replace").splitlines() if l.strip()]
    first = next((l for l in lines if "error" in l or "warning" in l or "rejected" in l), lines[-1] if lines else "")
    return {
        "exit": "timeout" if timed_out else (status.group(1) if status else str(p.returncode)),
        "seconds": seconds, "mb": int(rss.group(1)) / 1024 if rss else 0.0,
        "signal": sig.group(1) if sig else "-", "stderr": first.replace(path, "FILE")[:110],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.environ.get("SGW_FUZZ_DIR", "/tmp/sgw-hostile"))
    ap.add_argument("--only", default="")
    ap.add_argument("--write-only", action="store_true")
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))
    config, cases = write_cases(args.out, only)
    if args.write_only:
        for name, adapter, path in cases:
            print(name, adapter, path)
        return 0
    print("| case | exit | seconds | peak MB | signal | stderr |")
    print("|---|---|---|---|---|---|")
    bad = 0
    for name, adapter, path in cases:
        r = run_case(config, adapter, path)
        over = r["exit"] == "timeout" or r["signal"] != "-" or r["mb"] > 300 or r["seconds"] > TIMEOUT
        bad += over
        print("| %s | %s | %.2f | %.0f | %s | %s |" % (name, r["exit"], r["seconds"], r["mb"], r["signal"],
                                                      r["stderr"].replace("|", "\\|")), flush=True)
    print("%d of %d cases over 10 s, over 300 MB or killed by a signal" % (bad, len(cases)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
