#!/usr/bin/env python3
"""CPU seconds of a process's threads, grouped by thread name (digits dropped), between two calls:

  thread-cpu.py PID > before.txt ... thread-cpu.py PID before.txt [N]

The first form prints the threads' user+system ticks (and the process's, first line); the second
prints the N groups that used the most CPU since then, and what threads that ended meanwhile used
(the process's CPU less that of the threads still there).
"""
import os
import re
import sys


def ticks(pid):
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            comm = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        out[tid] = (comm, int(fields[11]) + int(fields[12]))
    return out


def process_ticks(pid):
    stat = open(f"/proc/{pid}/stat").read()
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


pid = sys.argv[1]
now = ticks(pid)
if len(sys.argv) == 2:
    print(f"process\t{process_ticks(pid)}\t")
    for tid, (comm, t) in now.items():
        print(f"{tid}\t{t}\t{comm}")
    sys.exit(0)
before = {}
for line in open(sys.argv[2]):
    tid, t, comm = line.rstrip("\n").split("\t")
    before[tid] = int(t)
process_before = before.pop("process")
n = int(sys.argv[3]) if len(sys.argv) > 3 else 8
hz = os.sysconf("SC_CLK_TCK")
groups = {}
for tid, (comm, t) in now.items():
    name = re.sub(r"\d+", "#", comm)
    groups[name] = groups.get(name, 0) + t - before.get(tid, 0)
total = process_ticks(pid) - process_before
ended = total - sum(groups.values())
groups["(threads that ended)"] = max(0, ended)
top = sorted(groups.items(), key=lambda kv: -kv[1])[:n]
print("    hub CPU by thread: " + ", ".join(f"{name} {t / hz:.2f} s" for name, t in top if t > 0)
      + f" (all {total / hz:.2f} s)")
