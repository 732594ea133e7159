#!/usr/bin/env python3
"""Times the hub's pages in headless Chromium: navigation start to the load event.

  browser-load.py BASE_URL USER PASSWORD ROUNDS CASES_FILE

Drives chromium through chromedriver's W3C WebDriver HTTP API (standard library only): logs in
through the login form, then opens each "page NAME PATH" line of CASES_FILE ROUNDS times after one
warm-up, and reads loadEventEnd of the Navigation Timing entry. Prints one JSON line per page:
name, p50_ms, p95_ms, max_ms. "api" lines are skipped (bench/page-load.py times those).
"""
import json
import socket
import subprocess
import sys
import time
import urllib.request


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Driver:
    def __init__(self):
        self.port = free_port()
        self.proc = subprocess.Popen(["chromedriver", f"--port={self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                self.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"]}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=300) as r:
            return json.load(r)["value"]

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def find(self, css):
        el = self.s("POST", "/element", {"using": "css selector", "value": css})
        return next(iter(el.values()))

    def script(self, js):
        return self.s("POST", "/execute/sync", {"script": js, "args": []})

    def close(self):
        try:
            self.s("DELETE", "")
        finally:
            self.proc.terminate()


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    base, user, password, rounds, cases = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    d = Driver()
    try:
        d.s("POST", "/url", {"url": base + "/login.xhtml"})
        field = d.find("[id='login:username']")
        d.s("POST", f"/element/{field}/value", {"text": user})
        field = d.find("[id='login:password']")
        d.s("POST", f"/element/{field}/value", {"text": password})
        submit = d.find("[id='login:submit']")
        d.s("POST", f"/element/{submit}/click", {})
        deadline = time.time() + 60
        while "dashboard" not in d.s("GET", "/url") and time.time() < deadline:
            time.sleep(0.2)
        for line in open(cases):
            parts = line.split()
            if len(parts) != 3 or parts[0] != "page":
                continue
            _, name, path = parts
            times = []
            for i in range(rounds + 1):
                d.s("POST", "/url", {"url": base + path})
                ms = d.script("var n = performance.getEntriesByType('navigation')[0];"
                              " return n.loadEventEnd - n.startTime;")
                if i > 0:
                    times.append(round(ms))
            print(json.dumps({"name": name, "p50_ms": pct(times, 50), "p95_ms": pct(times, 95),
                              "max_ms": max(times)}), flush=True)
    finally:
        d.close()


if __name__ == "__main__":
    main()
