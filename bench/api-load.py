#!/usr/bin/env python3
"""Drives the hub's API with N parallel clients for a while and prints latency and throughput.

  api-load.py URL AUTHORIZATION CLIENTS SECONDS PATH [PATH ...]

Each client keeps one HTTP/1.1 connection and requests the PATHs in turn. Prints one JSON line:
requests, requests per second, p50/p95/max latency in ms, and the count of each non-2xx status.
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse


def client(url, authorization, paths, until, out):
    target = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
    i = 0
    while time.monotonic() < until:
        path = target.path.rstrip("/") + "/" + paths[i % len(paths)]
        i += 1
        start = time.monotonic()
        try:
            conn.request("GET", path, headers={"Authorization": authorization,
                                               "Accept": "application/json"})
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
            status = 0
        out.append((time.monotonic() - start, status))
    conn.close()


def main():
    url, authorization, clients, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    paths = sys.argv[5:]
    results = []
    started = time.monotonic()
    until = started + seconds
    threads = [threading.Thread(target=client, args=(url, authorization, paths, until, results))
               for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - started
    latencies = sorted(r[0] for r in results)
    errors = {}
    for _, status in results:
        if not 200 <= status < 300:
            errors[str(status)] = errors.get(str(status), 0) + 1

    def pct(p):
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1) if latencies else None

    print(json.dumps({"requests": len(results), "rps": round(len(results) / took, 1),
                      "p50_ms": pct(0.50), "p95_ms": pct(0.95), "max_ms": pct(1.0),
                      "errors": errors}))


if __name__ == "__main__":
    main()
