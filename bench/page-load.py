#!/usr/bin/env python3
"""Times the hub's pages and list API calls, one request at a time, and prints p50/p95 per case.

  page-load.py BASE_URL USER PASSWORD ROUNDS CASES_FILE

BASE_URL is the hub's root (http://127.0.0.1:PORT). Logs in through the login form (one page
session, as a browser would), then requests each case ROUNDS times after two warm-up requests.
CASES_FILE has one case per line: "page NAME PATH" (a Faces page, GET with the session cookie) or
"api NAME PATH" (GET with HTTP Basic). The time is from sending the request to the last byte of the
answer on loopback: the server's time plus the transfer, without the browser's rendering.
Prints one JSON line per case: name, kind, status, bytes, p50_ms, p95_ms, max_ms, and for API
calls the X-Total-Count.
"""
import base64
import http.client
import json
import re
import sys
import time
import urllib.parse


class Hub:
    def __init__(self, base, user, password):
        target = urllib.parse.urlsplit(base)
        self.host, self.port = target.hostname, target.port
        self.context = target.path.rstrip("/")
        self.basic = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.cookies = {}
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, self.context + path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)
            self.conn.request(method, self.context + path, body=body, headers=headers)
            response = self.conn.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response, data

    def login(self, user, password):
        _, page = self.request("GET", "/login.xhtml")
        state = re.search(rb'name="jakarta\.faces\.ViewState"[^>]*value="([^"]+)"', page)
        if not state:
            raise SystemExit("no ViewState on the login page")
        form = urllib.parse.urlencode({
            "login": "login", "login:username": user, "login:password": password,
            "login:submit": "", "jakarta.faces.ViewState": state.group(1).decode()})
        response, _ = self.request(
            "POST", "/login.xhtml", form,
            {"Content-Type": "application/x-www-form-urlencoded"})
        location = response.getheader("Location") or ""
        if response.status not in (302, 303) or "dashboard" not in location:
            raise SystemExit(f"login failed: HTTP {response.status} to {location!r}")

    def time(self, kind, path):
        headers = {"Authorization": self.basic, "Accept": "application/json"} if kind == "api" \
            else {"Accept": "text/html"}
        saved = self.cookies
        if kind == "api":
            self.cookies = {}
        start = time.monotonic()
        response, data = self.request("GET", path, headers=headers)
        elapsed = (time.monotonic() - start) * 1000
        if kind == "api":
            self.cookies = saved
        return elapsed, response.status, len(data), response.getheader("X-Total-Count")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    base, user, password, rounds, cases_file = sys.argv[1:6]
    hub = Hub(base, user, password)
    hub.login(user, password)
    for line in open(cases_file):
        if not line.strip() or line.startswith("#"):
            continue
        kind, name, path = line.split(None, 2)
        path = path.strip()
        for _ in range(2):
            hub.time(kind, path)
        times, status, size, total = [], None, 0, None
        for _ in range(int(rounds)):
            elapsed, status, size, total = hub.time(kind, path)
            times.append(elapsed)
        print(json.dumps({"name": name, "kind": kind, "status": status, "bytes": size,
                          "total": total, "p50_ms": round(percentile(times, 50), 1),
                          "p95_ms": round(percentile(times, 95), 1),
                          "max_ms": round(max(times), 1)}), flush=True)


if __name__ == "__main__":
    main()
