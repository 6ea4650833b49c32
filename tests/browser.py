"""Headless Chromium driven over its DevTools protocol: a page at a phone's width, scripts run in it, a screenshot.

The protocol is JSON over a WebSocket (`websockets`, already there for Prefect): no browser download, no driver.
"""

import base64
import itertools
import json
import re
import subprocess
import time
import urllib.request
from pathlib import Path

from websockets.sync.client import connect

from fakes.smtp_relay import free_port

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


class Browser:
    def __init__(self, chromium: str, profile: Path):
        self.chromium, self.profile = chromium, profile
        self.ids = itertools.count(1)
        self.console: list[str] = []  # errors the page logged

    def __enter__(self) -> "Browser":
        port = free_port()
        self.process = subprocess.Popen(
            [
                self.chromium,
                *FLAGS,
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.socket = connect(_page_address(port), max_size=None, open_timeout=30)
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        return self

    def __exit__(self, *_) -> None:
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)

    def call(self, method: str, **params) -> dict:
        """One command; the events that arrive meanwhile are kept if they are console errors, else dropped."""
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=120))
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method} : {message['error']}")
                return message.get("result", {})
            self._note(message)

    def open(self, url: str, width: int, height: int = 900) -> None:
        """`url` as a phone `width` pixels wide shows it (one CSS pixel per device pixel), once loaded."""
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=True)
        self.call("Page.navigate", url=url)
        while True:
            message = json.loads(self.socket.recv(timeout=120))
            if message.get("method") == "Page.loadEventFired":
                return
            self._note(message)

    def evaluate(self, expression: str, wait: bool = False):
        """The expression's value (a promise's, with `wait`), as JSON brings it back."""
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=wait, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("exception", {}).get("description", result))
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        """The whole page, top to bottom, at the width it was opened with."""
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True, clip=clip)
        path.write_bytes(base64.b64decode(shot["data"]))

    def _note(self, message: dict) -> None:
        params = message.get("params", {})
        if message.get("method") == "Runtime.exceptionThrown":
            self.console.append(params["exceptionDetails"].get("text", "exception"))
        elif message.get("method") == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.console.append(params["entry"]["text"])
        elif message.get("method") == "Runtime.consoleAPICalled" and params["type"] == "error":
            self.console.append(" ".join(str(a.get("value", "")) for a in params["args"]))


def _page_address(port: int) -> str:
    """The WebSocket of the browser's first page, once Chromium listens (a few seconds on a busy machine)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as answer:
                pages = [t for t in json.load(answer) if t["type"] == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"Chromium n'écoute pas sur le port {port}")
        time.sleep(0.2)


def contrast_with_white(css: str) -> float:
    """WCAG's contrast ratio of an `rgb(r, g, b)` colour against white."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
    luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return 1.05 / (luminance + 0.05)
