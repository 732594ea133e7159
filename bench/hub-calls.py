#!/usr/bin/env python3
"""How long a node's threads waited on the hub, from a JFR recording of its socket I/O.

   hub-calls.py CALLS.json HUB_PORT ROUNDS

CALLS.json is `jfr print --json --events jdk.SocketRead,jdk.SocketWrite,jdk.TLSHandshake`. Sums
the durations of socket reads and writes to the hub's node port by thread (the main thread's long
polls wait for work, not for an answer: listed apart), counts TLS handshakes with the hub, and
prints them per node backup (the recording spans ROUNDS node backups).
"""
import json
import sys
from collections import defaultdict


def seconds(duration):
    # JFR prints durations as ISO-8601 ("PT0.012345S") in its JSON
    text = duration.removeprefix("PT")
    total = 0.0
    number = ""
    for ch in text:
        if ch in "HMS":
            total += float(number) * {"H": 3600, "M": 60, "S": 1}[ch]
            number = ""
        else:
            number += ch
    return total


def main():
    path, port, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    events = json.load(open(path))["recording"]["events"]
    waits = defaultdict(lambda: [0, 0.0])
    handshakes = 0
    for e in events:
        v = e["values"]
        if e["type"] == "jdk.TLSHandshake":
            handshakes += v.get("peerPort") == port
            continue
        if v.get("port") != port:
            continue
        thread = (v.get("eventThread") or {}).get("javaName") or "?"
        name = "main (long polls)" if thread == "main" else thread.rstrip("0123456789-")
        w = waits[name]
        w[0] += 1
        w[1] += seconds(v["duration"])
    jobs = sum(w[1] for n, w in waits.items() if not n.startswith("main"))
    print(f"node -> hub per node backup (JFR, {rounds} backups): {handshakes / rounds:.0f} TLS"
          f" handshakes, {jobs / rounds:.2f} s of socket waits outside the poll")
    for name, (count, total) in sorted(waits.items(), key=lambda kv: -kv[1][1]):
        print(f"  {name:32s} {count / rounds:7.0f} reads/writes  {total / rounds:6.2f} s")


main()
