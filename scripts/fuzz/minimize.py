#!/usr/bin/env python3
"""Line/chunk delta-debugging minimiser. usage: minimize.py ADAPTER IN OUT PATTERN [--datalimit KB] [--timeout S] [--bytes]
Keeps a candidate when stderr matches PATTERN (regex) (or, with PATTERN 'TIMEOUT', when the run exceeds --timeout)."""
import sys, re, os, subprocess, resource, argparse
ap = argparse.ArgumentParser()
ap.add_argument('adapter'); ap.add_argument('inp'); ap.add_argument('out'); ap.add_argument('pattern')
ap.add_argument('--datalimit', type=int, default=0); ap.add_argument('--timeout', type=float, default=20)
ap.add_argument('--bytes', action='store_true'); ap.add_argument('--sep', default='\n')
a = ap.parse_args()
ext = os.path.splitext(a.inp)[1]
repo = os.environ.get('SGW_REPO', os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..')))
sgw = os.environ.get('SGW_BIN', os.path.join(repo, '.build', 'release', 'sgw'))
work = os.path.join(os.environ.get('SGW_FUZZ_DIR', '/tmp/sgw-fuzz'), 'work')
os.makedirs(work, exist_ok=True)
tmp = os.path.join(work, 'min_%d%s' % (os.getpid(), ext))
env = dict(os.environ, SWIFT_BACKTRACE='enable=no')
def pre():
    os.nice(10)
    if a.datalimit: resource.setrlimit(resource.RLIMIT_DATA, (a.datalimit * 1024, a.datalimit * 1024))
def bad(data):
    open(tmp, 'wb').write(data)
    try:
        p = subprocess.run([sgw, 'map', '--config', repo, '--adapter', a.adapter, tmp],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=a.timeout, preexec_fn=pre, env=env)
    except subprocess.TimeoutExpired:
        return a.pattern == 'TIMEOUT'
    if a.pattern == 'TIMEOUT': return False
    return re.search(a.pattern.encode(), p.stderr) is not None or (a.pattern == 'SIGNAL' and p.returncode < 0)
data = open(a.inp, 'rb').read()
assert bad(data), 'input does not reproduce'
sep = a.sep.encode().decode('unicode_escape').encode('latin-1')
def split(d):
    if a.bytes: return [d[i:i+1] for i in range(len(d))]
    parts = d.split(sep)
    return [p + sep for p in parts[:-1]] + [parts[-1]]
units = split(data)
n = 2
while len(units) >= 2:
    chunk = max(1, len(units) // n)
    removed = False
    i = 0
    while i < len(units):
        cand = units[:i] + units[i+chunk:]
        if cand and bad(b''.join(cand)):
            units = cand; removed = True
            print('units', len(units), 'bytes', len(b''.join(units)), flush=True)
        else:
            i += chunk
    if not removed:
        if chunk == 1: break
        n = min(len(units), n * 2)
open(a.out, 'wb').write(b''.join(units))
print('done', len(b''.join(units)))
