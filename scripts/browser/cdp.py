"""A small Chrome DevTools Protocol client over --remote-debugging-pipe: no websocket, no package to install.

Chromium reads commands from fd 3 and writes answers and events to fd 4, each a JSON object followed by a NUL byte.
"""
import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time


class Browser:
    """Headless Chromium with one page, driven through the pipe."""

    def __init__(self, binary, width=1280, height=900):
        r_cmd, w_cmd = os.pipe()  # we write commands, chromium reads them on fd 3
        r_out, w_out = os.pipe()  # chromium writes on fd 4, we read
        self.profile = profile = tempfile.mkdtemp(prefix="sgw-browser-profile-")
        log = open(os.environ.get("SGW_CHROMIUM_LOG", os.devnull), "ab")

        # Chromium's ends must be fds 3 and 4 in the child. subprocess closes every other fd after preexec_fn, so bash
        # moves them there just before chromium starts (from fds 10 and up, clear of 3 and 4).
        src_cmd, src_out = fcntl.fcntl(r_cmd, fcntl.F_DUPFD, 10), fcntl.fcntl(w_out, fcntl.F_DUPFD, 10)
        os.close(r_cmd)
        os.close(w_out)
        r_cmd, w_out = src_cmd, src_out
        args = [binary, "--headless", "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--metrics-recording-only", "--mute-audio", "--no-proxy-server",
                f"--user-data-dir={profile}", f"--window-size={width},{height}", "--lang=zh-CN"]
        if os.geteuid() == 0:
            args.append("--no-sandbox")  # chromium refuses to run as root with its sandbox
        shell = f'exec 3<&{r_cmd} 4>&{w_out} {r_cmd}<&- {w_out}>&- "$0" "$@"'
        self.process = subprocess.Popen(["/bin/bash", "-c", shell] + args, pass_fds=(r_cmd, w_out),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
        os.close(r_cmd)
        os.close(w_out)
        self.out = os.fdopen(w_cmd, "wb", buffering=0)
        self.inp = os.fdopen(r_out, "rb", buffering=0)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.width, self.height = width, height
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(domain + ".enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height, deviceScaleFactor=1,
                  mobile=False)

    def _read(self, timeout):
        deadline = time.time() + timeout
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = self.inp.read(65536)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, session=False, timeout=30, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.out.write(json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read(timeout)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, method, timeout=30):
        """The first event `method` not seen yet (events that came with answers count)."""
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        deadline = time.time() + timeout
        while time.time() < deadline:
            event = self._read(deadline - time.time())
            if event.get("method") == method:
                return event
            self.events.append(event)
        raise TimeoutError(f"no {method} within {timeout} s")

    def _drop(self, method):
        self.events = [e for e in self.events if e.get("method") != method]

    def goto(self, url):
        """Navigates to `url` and waits until the page has loaded."""
        self._drop("Page.loadEventFired")
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def submit(self, selector):
        """Clicks the submit button `selector` and waits for the page the form leads to."""
        self._drop("Page.loadEventFired")
        self.eval(f"document.querySelector({json.dumps(selector)}).click()")
        self.wait_for("Page.loadEventFired")

    def eval(self, expression):
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def title(self):
        return self.eval("document.title")

    def text(self):
        return self.eval("document.body ? document.body.innerText : ''")

    def url(self):
        return self.eval("location.href")

    def screenshot(self, path):
        """The page as a PNG, as tall as it is up to 2,400 pixels."""
        metrics = self.call("Page.getLayoutMetrics", session=True)
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        height = min(int(size["height"]) + 1, 2400)  # a long report: its top, charts first
        data = self.call("Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": self.width, "height": max(height, 200), "scale": 1})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def problems(self):
        """What the page reported as broken: console errors, CSP violations, failed loads."""
        found = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                found.append(p["entry"].get("text", "") + " " + p["entry"].get("url", ""))
            elif m == "Runtime.exceptionThrown":
                found.append(str(p.get("exceptionDetails", {}).get("text")))
            elif m == "Network.loadingFailed" and not p.get("canceled"):
                found.append("load failed: " + p.get("errorText", ""))
        return found

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)
