"""Headless Chromium driven over its DevTools protocol, for scripts/book-test: JSON messages on a
pair of pipes (`--remote-debugging-pipe`), read and written with Python's standard library alone,
so no WebDriver and no Selenium. One browser, one tab; pages load with a bound on every wait."""

import base64
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path

# How long the browser may take to answer one command, or to load one page.
BOUND = 30

def above_4(fd):
    """A copy of `fd` numbered 10 or more (closed on exec, as `fd` was), and `fd` closed."""
    copy = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return copy


def browser_binary():
    return shutil.which("chromium-headless-shell") or shutil.which("chromium")


class Browser:
    """One headless browser and one tab in it, driven over the DevTools protocol: each message
    is a JSON object followed by a NUL byte; the browser reads ours on its fd 3 and writes its
    answers and events on its fd 4. The problems a page shows (console errors, requests to
    other hosts) are gathered from the events while it loads."""

    def __init__(self, profile):
        to_browser, self.commands = os.pipe()
        self.answers, from_browser = os.pipe()
        # Above fd 4, so that moving them to 3 and 4 in the browser never overwrites one.
        to_browser, from_browser = (above_4(fd) for fd in (to_browser, from_browser))

        def give_the_browser_its_pipes():
            os.dup2(to_browser, 3)  # the copies are left open across exec
            os.dup2(from_browser, 4)

        # What the browser says on stderr, shown should it stop answering.
        self.log = Path(profile) / "stderr"
        said = open(self.log, "wb")
        self.process = subprocess.Popen(
            [browser_binary(), "--headless", "--remote-debugging-pipe", "--no-sandbox",
             "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + profile, "--window-size=1280,900", "about:blank"],
            # A group of its own: Debian's command is a shell script that runs the browser as
            # its child, and a browser that must be killed is killed with all of its processes.
            preexec_fn=give_the_browser_its_pipes, close_fds=False, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=said)
        said.close()
        os.close(to_browser)
        os.close(from_browser)
        self.pending, self.next_id, self.events = b"", 0, []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        for domain in ["Page", "Runtime", "Log", "Network"]:
            self.call(f"{domain}.enable")

    def receive(self):
        """The browser's next message, waiting BOUND seconds at most."""
        while b"\0" not in self.pending:
            ready, _, _ = select.select([self.answers], [], [], BOUND)
            chunk = os.read(self.answers, 1 << 20) if ready else b""
            if not chunk:
                said = self.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the browser ended, or sent nothing within {BOUND} s; "
                                   f"it said:\n{said}")
            self.pending += chunk
        message, self.pending = self.pending.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, **params):
        """Sends a command and returns its result; events that come meanwhile are kept."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if method.split(".")[0] not in ("Target", "Browser"):
            message["sessionId"] = self.session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self.receive()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]
            self.events.append(answer)

    def load(self, url):
        """Opens `url` and waits for its load event, BOUND seconds at most; returns the events
        of the load."""
        self.events = []
        result = self.call("Page.navigate", url=url)
        if result.get("errorText"):
            raise RuntimeError(f"{url}: {result['errorText']}")
        # The load event that counts is the one after the tab's main frame has committed to
        # the new document: one from the page before may still be on its way.
        frame, committed = result["frameId"], None
        deadline = time.monotonic() + BOUND
        while True:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url}: not loaded within {BOUND} s")
            for i, event in enumerate(self.events):
                params = event.get("params", {})
                if committed is None and event.get("method") == "Page.frameNavigated" and \
                        params["frame"]["id"] == frame and params["frame"]["url"] == url:
                    committed = i
                if committed is not None and i > committed and \
                        event.get("method") == "Page.loadEventFired":
                    return self.events[committed:]
            self.events.append(self.receive())

    def evaluate(self, script):
        """The value of a JavaScript expression on the page."""
        result = self.call("Runtime.evaluate", expression=script, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{script}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, target):
        height = self.evaluate("document.documentElement.scrollHeight")
        self.call("Emulation.setDeviceMetricsOverride", width=1280,
                  height=min(max(height, 900), 8000), deviceScaleFactor=1, mobile=False)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        target.write_bytes(base64.b64decode(data))
        self.call("Emulation.clearDeviceMetricsOverride")

    def quit(self):
        os.close(self.commands)  # the browser ends when its pipe closes
        try:
            self.process.wait(timeout=BOUND)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self.answers)
