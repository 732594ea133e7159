#!/usr/bin/env python3
"""Waits for backup jobs of the hub to end (one process polling every 0.25 s: each poll costs the
hub about a millisecond of CPU, which the timed job would share), then prints each job's timeline
from the hub's log to stderr, with where the time to its first bytes went (the source's snapshot,
its changed-area walk, Sendense's own), and, on stdout, the wall seconds from START (epoch seconds, taken
before the jobs were requested) to the end of the last job as the hub recorded it (its ledger's
end time, when the API and console show it COMPLETED; same machine, same clock). Exits 1 if a job
ends otherwise.

  await-jobs.py API TOKEN HUB_LOG START JOB_ID...
"""
import json
import re
import sys
import time
import urllib.request
from datetime import datetime

api, token, log, start = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
ids = sys.argv[5:]


def get(job):
    req = urllib.request.Request(f"{api}/jobs/by-id/{job}", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def t(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def marks(timeline):
    """The timeline's marks: name -> ms after the execution started; a disk's marks are named
    "disk KEY name"."""
    return {name: int(ms) for name, ms in re.findall(r"([a-z0-9][a-z0-9 ]*?) \+(\d+) ms", timeline)}


def shares(queued, timeline):
    """Where the time to the first bytes went (the disk whose bytes came first): the source's
    snapshot (vcsim's CBT emulation hashes the whole disk then), its changed-area walk
    (QueryChangedDiskAreas), and the rest, Sendense's own (queue, steps, catalog, the reader)."""
    m = marks(timeline)
    firsts = {k: v for k, v in m.items() if k.endswith(" first bytes read")}
    if not firsts:
        return "first bytes: none read"
    disk, first = min(firsts.items(), key=lambda kv: kv[1])
    disk = disk[: -len(" first bytes read")]
    snapshot = m.get("snapshot created", 0) - m.get("change tracking checked", 0)
    walk = m.get(disk + " ranges planned", 0) - m.get(disk + " transfer state read", 0)
    total = queued + first / 1000
    own = total - (snapshot + walk) / 1000
    return ("first bytes %.2f s after the request: the source's snapshot %.2f s, changed-area walk"
            " %.2f s, Sendense's own %.2f s" % (total, snapshot / 1000, walk / 1000, own))


pending = set(ids)
done = {}
while pending:
    for job in sorted(pending):
        d = get(job)
        status = d["job"]["status"]
        if status == "COMPLETED":
            done[job] = d
        elif status in ("FAILED", "STOPPED", "ABANDONED"):
            print(f"job {job} {status}: {d['job'].get('errorMessage')}", file=sys.stderr)
            sys.exit(1)
    pending -= set(done)
    if pending:
        time.sleep(0.25)
wall = max(t(d["job"]["endedAt"]).timestamp() for d in done.values()) - start

# The hub's log handler writes asynchronously: the timelines may reach the file a moment after the
# jobs ended.
for _ in range(40):
    text = open(log, errors="replace").read()
    if all(f"job execution {done[job]['job']['executionId']}, started" in text for job in ids):
        break
    time.sleep(0.25)
lines = text.splitlines()
for job in ids:
    j = done[job]["job"]
    print("  job %s: queued %.2f s, ran %.2f s, queued -> ended %.2f s (as the hub recorded them)" % (
        j["id"], (t(j["startedAt"]) - t(j["queuedAt"])).total_seconds(),
        (t(j["endedAt"]) - t(j["startedAt"])).total_seconds(),
        (t(j["endedAt"]) - t(j["queuedAt"])).total_seconds()), file=sys.stderr)
    for line in lines:
        m = re.search(r"job execution %s, started (\S+): (.*?)\s*(\[|$)" % j["executionId"], line)
        if m:
            queued = (t(m.group(1)) - t(j["queuedAt"])).total_seconds()
            print("  timeline: queued -> execution started %.2f s; %s" % (queued, m.group(2)), file=sys.stderr)
            print("  " + shares(queued, m.group(2)), file=sys.stderr)
print(f"{wall:.2f}")
