#!/usr/bin/env python3
"""Waits for backup jobs of the hub to end (one process polling every 0.25 s: each poll costs the
hub about a millisecond of CPU, which the timed job would share), then prints each job's timeline
from the hub's log to stderr and, on stdout, the wall seconds from START (epoch seconds, taken
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
            print("  timeline: queued -> execution started %.2f s; %s" % (
                (t(m.group(1)) - t(j["queuedAt"])).total_seconds(), m.group(2)), file=sys.stderr)
print(f"{wall:.2f}")
