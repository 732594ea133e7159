#!/usr/bin/env bash
# Copies of restore points (docs/copies.md): the copy-backup job's byte copy of one image (hashed
# while read and checked against the recorded SHA-256, synced, read back and verified on the
# target, renamed) against the hand-made reference in the same run: `cp` + `sync` + `sha256sum` of
# the source and of the copy. Also its flattened full copy against `qemu-img convert -O qcow2` +
# `sync` + `qemu-img compare`. Both between two folders of the local disk (page cache warm), an
# image of SIZE_MIB with half its clusters allocated with random data. Prints the ratios.
#
#   bench/bench-copy.sh
#   BENCH_DIR   work folder (default /tmp/sendense-bench-copy; needs ~3 x SIZE_MIB / 2 free)
#   SIZE_MIB    virtual size (default 1024)
#   REPEAT      runs per way (default 2; the best is kept)
#
# Not part of `mvn verify`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/sendense-bench-copy}"
size_mib="${SIZE_MIB:-1024}"
repeat="${REPEAT:-2}"

command -v qemu-img >/dev/null || { echo "qemu-img missing: run deploy/test-support/install-disk-image.sh" >&2; exit 1; }
if [ ! -d "$root/batch-jobs/target/classes/io/sendense/batch/copy" ]; then
  (cd "$root" && mvn -B -q -pl batch-jobs -am compile)
fi
cp_="$root/disk-image/target/classes:$root/batch-jobs/target/classes:$root/plugins/api/target/classes"
mkdir -p "$work/src/vm-1" "$work/dst/vm-1" "$work/ref"
cd "$work"
if [ ! -f src/vm-1/a.qcow2 ]; then
  rm -f raw
  # every other MiB random, the rest holes
  python3 -c 'import os,sys
n=int(sys.argv[1])
with open("raw","wb") as f:
    f.truncate(n<<20)
    for m in range(0,n,2):
        f.seek(m<<20); f.write(os.urandom(1<<20))' "$size_mib"
  qemu-img convert -f raw -O qcow2 raw src/vm-1/a.qcow2
  rm -f raw
fi
cat src/vm-1/a.qcow2 >/dev/null
best() { sort -n | head -1; }
ref_bytes=$(for ((i = 0; i < repeat; i++)); do
  rm -f ref/a.qcow2
  s=$(date +%s.%N)
  sha256sum src/vm-1/a.qcow2 >/dev/null
  cp src/vm-1/a.qcow2 ref/a.qcow2 && sync ref/a.qcow2
  sha256sum ref/a.qcow2 >/dev/null
  e=$(date +%s.%N); echo "$e - $s" | bc
done | best)
ref_flat=$(for ((i = 0; i < repeat; i++)); do
  rm -f ref/f.qcow2
  s=$(date +%s.%N)
  qemu-img convert -O qcow2 src/vm-1/a.qcow2 ref/f.qcow2 && sync ref/f.qcow2
  qemu-img compare src/vm-1/a.qcow2 ref/f.qcow2 >/dev/null
  e=$(date +%s.%N); echo "$e - $s" | bc
done | best)
out=$(java -cp "$cp_" "$root/bench/CopyBench.java" "$work/src" vm-1/a.qcow2 "$work/dst" "$repeat")
echo "$out"
ours_bytes=$(echo "$out" | awk '/byte copy/ {print $5}')
ours_flat=$(echo "$out" | awk '/flattened/ {print $4}')
printf 'file: %s bytes; load average: %s\n' "$(stat -c %s src/vm-1/a.qcow2)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'byte copy:  ours %.2f s, cp+sync+2x sha256sum %.2f s, ratio %.2f\n' "$ours_bytes" "$ref_bytes" "$(echo "$ours_bytes / $ref_bytes" | bc -l)"
printf 'full copy:  ours %.2f s, qemu-img convert+sync+compare %.2f s, ratio %.2f\n' "$ours_flat" "$ref_flat" "$(echo "$ours_flat / $ref_flat" | bc -l)"
