#!/usr/bin/env bash
# Times what retention costs on a 4 GiB chain, against qemu-img in the same run:
#   (1) merge: a full (4 GiB disk, 50% data) and an incremental on it (2% of the clusters changed)
#       become one image: ours `sendense-image commit inc.qcow2` (what the hub's merge runs)
#       against `qemu-img commit -d inc.qcow2` followed by `sync` of the full (ours is durable when
#       it returns, qemu-img commit is not);
#   (2) verify: `sendense-image verify` of the incremental's point (both images: SHA-256, size,
#       header facts and refcount check, from a manifest this script writes) against `sha256sum`
#       plus `qemu-img check` of the same two files.
# Prints seconds (best of REPEAT runs, alternating) and the ratio ours / reference.
#
#   bench/bench-merge.sh
#   BENCH_DIR   work folder (default /tmp/sendense-bench-merge; needs ~16 GiB free)
#   SIZE_MIB    virtual disk size (default 4096)
#   REPEAT      runs per tool and case (default 3)
#
# Not part of `mvn verify`. Inputs are generated once and kept in BENCH_DIR for later runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/sendense-bench-merge}"
size_mib="${SIZE_MIB:-4096}"
repeat="${REPEAT:-3}"
tool="$root/deploy/bin/sendense-image"
jar="$root/disk-image/target/sendense-image.jar"

command -v qemu-img >/dev/null || { echo "qemu-img missing: run deploy/test-support/install-disk-image.sh" >&2; exit 1; }
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl disk-image -am package -DskipTests)
fi
mkdir -p "$work"
cd "$work"
cp "$jar" "$work/sendense-image.jar"
export SENDENSE_IMAGE_JAR="$work/sendense-image.jar"

if [ ! -f inc.qcow2 ] || [ "$(stat -c %s half.raw)" -ne $((size_mib << 20)) ]; then
  rm -f full.qcow2 inc.qcow2
  echo "generating a ${size_mib} MiB chain in $work ..."
  (set +o pipefail
   openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f -iv 0 </dev/zero \
     2>/dev/null | head -c $((size_mib << 20)) >random.raw)
  python3 "$root/bench/make-inputs.py" half random.raw half.raw
  python3 "$root/bench/make-inputs.py" change half.raw changed.raw
  rm -f random.raw
  "$tool" convert half.raw full.qcow2 >/dev/null
  "$tool" convert changed.raw inc.qcow2 --backing full.qcow2 >/dev/null
fi

# Fresh copies of the chain for one run (not timed); the incremental names full.qcow2 relatively.
fresh() {
  rm -rf run && mkdir run
  cp full.qcow2 inc.qcow2 run/
  sync
}

seconds() {
  /usr/bin/time -f "%e" -o time.txt "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }
  cat time.txt
}

best() { sort -n | head -1; }

ours_merge="" qemu_merge=""
for _ in $(seq "$repeat"); do
  fresh
  ours_merge+="$(seconds "$tool" commit run/inc.qcow2)"$'\n'
  fresh
  qemu_merge+="$(seconds sh -c 'qemu-img commit -q -d run/inc.qcow2 && sync run/full.qcow2')"$'\n'
done

fresh
"$tool" commit run/inc.qcow2 >commit.json
python3 -c 'import json; c = json.load(open("commit.json")); print("merge moved %d data bytes (%d in place) and wrote %d metadata bytes" % (c["dataBytes"], c["inPlaceBytes"], c["metadataBytes"]))'

# A manifest for the incremental's point, with facts from sha256sum and qemu-img (independent of
# the code under test).
facts() {
  local f="$1"
  python3 - "$f" <<'PY'
import hashlib, json, os, subprocess, sys
f = sys.argv[1]
info = json.loads(subprocess.check_output(["qemu-img", "info", "--output=json", f]))
h = hashlib.sha256()
with open(f, "rb") as s:
    for block in iter(lambda: s.read(1 << 22), b""):
        h.update(block)
print(json.dumps({"fileSize": os.path.getsize(f), "sha256": h.hexdigest(),
  "virtualSize": info["virtual-size"], "clusterSize": info["cluster-size"],
  "backingFile": info.get("backing-filename"), "allocatedBytes": 0}))
PY
}
rm -rf point && mkdir point && cp full.qcow2 inc.qcow2 point/
python3 - "$(facts point/full.qcow2)" "$(facts point/inc.qcow2)" "$size_mib" <<'PY'
import json, sys
full, inc, size = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3]) << 20
def point(name, file, parent, image):
    return {"format": "sendense-restore-point", "version": 1, "point": name, "type": "FULL",
            "vm": {"name": "bench", "moref": "vm-1"},
            "disks": [{"index": 0, "key": 2000, "capacity": size, "file": file,
                       "parentFile": parent, "image": image}]}
json.dump(point("p0", "full.qcow2", None, full), open("point/p0.point.json", "w"))
json.dump(point("p1", "inc.qcow2", "full.qcow2", inc), open("point/p1.point.json", "w"))
PY
"$tool" verify point/p1.point.json >/dev/null || { echo "the bench point does not verify" >&2; exit 1; }

ours_verify="" ref_verify=""
for _ in $(seq "$repeat"); do
  ours_verify+="$(seconds "$tool" verify point/p1.point.json)"$'\n'
  ref_verify+="$(seconds sh -c 'sha256sum point/full.qcow2 point/inc.qcow2 && qemu-img check -q point/full.qcow2 && qemu-img check -q point/inc.qcow2')"$'\n'
done

bytes=$(( $(stat -c %s point/full.qcow2) + $(stat -c %s point/inc.qcow2) ))
om=$(printf "%s" "$ours_merge" | best); qm=$(printf "%s" "$qemu_merge" | best)
ov=$(printf "%s" "$ours_verify" | best); rv=$(printf "%s" "$ref_verify" | best)
printf "chain: %s MiB disk, full %s bytes, incremental %s bytes\n" "$size_mib" \
  "$(stat -c %s full.qcow2)" "$(stat -c %s inc.qcow2)"
printf "%-40s %8s %8s %7s\n" "case (best of $repeat)" "ours" "ref" "ratio"
printf "%-40s %8.3f %8.3f %7.2f\n" "merge (commit; ref qemu-img commit+sync)" "$om" "$qm" \
  "$(echo "$om / $qm" | bc -l)"
printf "%-40s %8.3f %8.3f %7.2f\n" "verify (ref sha256sum+qemu-img check)" "$ov" "$rv" \
  "$(echo "$ov / $rv" | bc -l)"
printf "verify reads %d bytes: %.0f MiB/s\n" "$bytes" "$(echo "$bytes / 1048576 / $ov" | bc -l)"
