#!/usr/bin/env python3
"""Prints where a JFR recording spent its CPU samples: top frames and top Sendense frames.

  jfr-top.py RECORDING.jfr [N]
"""
import collections
import re
import subprocess
import sys

rec = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 12
text = subprocess.run(["jfr", "print", "--stack-depth", "64", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample", rec],
                      capture_output=True, text=True, check=True).stdout
top = collections.Counter()
ours = collections.Counter()
total = 0
for event in re.split(r"^jdk\.(?:ExecutionSample|NativeMethodSample) ", text, flags=re.M)[1:]:
    frames = re.findall(r"^\s+([\w$.<>]+)\(", event, re.M)
    if not frames:
        continue
    total += 1
    top[frames[0]] += 1
    own = next((f for f in frames if f.startswith("io.sendense.")), None)
    if own:
        ours[own] += 1
print(f"  {total} samples; top frames:")
for frame, count in top.most_common(n):
    print(f"    {100.0 * count / total:5.1f}%  {frame}")
print("  nearest Sendense frame:")
for frame, count in ours.most_common(n):
    print(f"    {100.0 * count / total:5.1f}%  {frame}")
