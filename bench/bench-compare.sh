#!/usr/bin/env bash
# Content compare for incrementals without changed block tracking: comparing bytes with the parent
# chain (Qcow2Writer.writeIfChanged, what backups use) against comparing SHA-256 hashes of each
# cluster with hashes stored for the parent (best case: already in memory). One thread each, an
# unchanged disk of SIZE_MIB random data whose parent is a full QCOW2 of it; files in the page
# cache. Prints MiB/s and hash/bytes (above 1: bytes compare is faster). See docs/backup-job.md.
#
#   bench/bench-compare.sh
#   BENCH_DIR   work folder (default /tmp/sendense-bench-compare; needs ~3 x SIZE_MIB free)
#   SIZE_MIB    disk size (default 1024)
#   REPEAT      runs per way (default 3)
#
# Not part of `mvn verify`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/sendense-bench-compare}"
size_mib="${SIZE_MIB:-1024}"
repeat="${REPEAT:-3}"
classes="$root/disk-image/target/classes"

command -v qemu-img >/dev/null || { echo "qemu-img missing: run deploy/test-support/install-disk-image.sh" >&2; exit 1; }
if [ ! -d "$classes/io/sendense/image/qcow2" ]; then
  (cd "$root" && mvn -B -q -pl disk-image -am compile)
fi
mkdir -p "$work"
cp -r "$classes" "$work/classes"
cd "$work"
if [ ! -f raw ] || [ "$(stat -c %s raw)" -ne $((size_mib << 20)) ]; then
  (set +o pipefail
   openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f -iv 0 </dev/zero \
     2>/dev/null | head -c $((size_mib << 20)) >raw)
  rm -f parent.qcow2
fi
[ -f parent.qcow2 ] || qemu-img convert -f raw -O qcow2 raw parent.qcow2
cat raw parent.qcow2 >/dev/null
java -cp "$work/classes" "$root/bench/CompareBench.java" "$work/raw" "$work/parent.qcow2" "$work" "$repeat"
