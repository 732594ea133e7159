#!/usr/bin/env bash
# Times a real backup through the hub against what a user would script by hand, in one run:
# vcsim (with our CBT extension) serves a VM with one disk of SIZE_MIB (random data with 50% zero
# regions); the hub (started by the real launcher on a private data folder) backs it up into its
# local repository, full and then incremental after 1% of the disk changed; then two VMs of the
# same kind back up (full) at once, for the aggregate throughput. The reference is
# `curl` downloading the same disk file from vcsim plus `qemu-img convert -O qcow2` of it.
# Prints: full throughput, incremental time as a fraction of full time, and full / (curl + qemu),
# and the hub's GC time during each backup (jstat).
#
#   bench/bench-backup.sh [--profile]
#   --profile   records the hub with JFR during the full backup and prints the hot frames
#   BENCH_DIR   work folder (default /tmp/sendense-bench-backup; needs ~4 x SIZE_MIB free)
#   SIZE_MIB    disk size (default 4096)
#   VCSIM_CBT   false: stock vcsim without changed block tracking, so the incremental compares
#               content with the parent (default true)
#
# Not part of `mvn verify`. Needs the built launcher (mvn -pl deploy -am package -DskipTests),
# qemu-img, curl, python3, and Go + govmomi sources for vcsim (deploy/test-support/*.sh).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/sendense-bench-backup}"
size_mib="${SIZE_MIB:-4096}"
profile=false
[ "${1:-}" = "--profile" ] && profile=true
launcher="$root/deploy/target/sendense-launcher.jar"
password="bench-Secret-1"
[ -f "$launcher" ] || { echo "build first: mvn -B -pl deploy -am package -DskipTests" >&2; exit 1; }
for tool in qemu-img curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool missing" >&2; exit 1; }
done

rm -rf "$work" && mkdir -p "$work/vcsim" "$work/hub"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

now() { date +%s.%N; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- vcsim with VMs of one disk --------------------------------------------------------------
vcsim_bin="$(bash "$root/plugins/vmware/src/test/vcsim/build.sh")"
(sleep infinity | TMPDIR="$work/vcsim" "$vcsim_bin" -listen 127.0.0.1:0 -vms 1 \
  -password "$password" -disk-mb "$size_mib" -cbt="${VCSIM_CBT:-true}" \
  > "$work/vcsim.out" 2> "$work/vcsim.log") &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/vcsim.out" ] && break; sleep 0.2; done
announce="$(head -1 "$work/vcsim.out")"
vc_url="$(echo "$announce" | json 'd["url"]')"
vc_port="$(echo "$vc_url" | sed -E 's#https://[^:]+:([0-9]+)/.*#\1#')"
thumb="$(echo "$announce" | json 'd["thumbprint"]')"
ds="$(echo "$announce" | json 'd["datastores"]["LocalDS_0"]')"
flat="$ds/DC0_H0_VM0/disk1-flat.vmdk"
flat2="$ds/DC0_C0_RP0_VM0/disk1-flat.vmdk"   # a second VM, for two backups at once

echo "writing ${size_mib} MiB of guest data (random, 50% zero regions) into two VMs ..."
for f in "$flat" "$flat2"; do
python3 - "$f" "$size_mib" <<'PY'
import os, sys
path, mib = sys.argv[1], int(sys.argv[2])
with open(path, "r+b") as f:
    for i in range(0, mib, 4):            # 4 MiB regions: random, zero, random, zero ...
        if (i // 4) % 2 == 0:
            f.seek(i << 20)
            f.write(os.urandom(4 << 20))
PY
done
sync

# --- the hub ---------------------------------------------------------------------------------
http_port="$(free_port)"
SENDENSE_DATA_DIR="$work/hub" SENDENSE_HTTP_PORT="$http_port" \
  SENDENSE_DB_EMBEDDED_PORT="$(free_port)" java -jar "$launcher" > "$work/hub.log" 2>&1 &
pids+=($!)
api="http://127.0.0.1:$http_port/api/v1"
echo "starting the hub ..."
auth=""
for _ in $(seq 1200); do  # up to 10 minutes: a busy machine starts Payara slowly
  if [ -f "$work/hub/secrets/initial-admin-password" ] &&
     curl -sf -u "admin:$(cat "$work/hub/secrets/initial-admin-password")" "$api/me" >/dev/null 2>&1; then
    auth="admin:$(cat "$work/hub/secrets/initial-admin-password")"
    break
  fi
  sleep 0.5
done
[ -n "$auth" ] || { echo "the hub did not answer within 10 minutes; see $work/hub.log" >&2; exit 1; }
# A bearer token for all further calls: Basic auth costs the hub a PBKDF2 derivation (600,000
# iterations) per request, which the polling below would add to the backup's time.
token="$(curl -sf -u "$auth" -H 'Content-Type: application/json' -X POST "$api/me/tokens" \
  -d '{"name":"bench"}' | json 'd["token"]')"
call() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
hub_pid="$(pgrep -f -- "--rootdir $work/hub/payara" | head -1)"
gc_seconds() { jstat -gcutil "$hub_pid" | awk 'NR==2 {print $NF}'; }
source_id="$(call -X POST "$api/sources" -d "{\"name\":\"bench\",\"config\":{\"host\":\"127.0.0.1\",\"port\":\"$vc_port\",\"username\":\"admin\",\"password\":\"$password\",\"certificateMode\":\"pinned\",\"thumbprint\":\"$thumb\"}}" | json 'd["id"]')"
call -X POST "$api/sources/$source_id/discover" >/dev/null
vm_id="$(call "$api/vm-contexts?source=$source_id&name=DC0_H0_VM0" | json 'd[0]["id"]')"
vm2_id="$(call "$api/vm-contexts?source=$source_id&name=DC0_C0_RP0_VM0" | json 'd[0]["id"]')"
repo_id="$(call "$api/repositories" | json '[r["id"] for r in d if r["name"]=="Local"][0]')"

start_backup() {  # VM_ID TYPE: queues a backup, prints the job id
  call -X POST "$api/backups" -d "{\"vmId\":$1,\"repositoryId\":$repo_id,\"type\":\"$2\"}" | json 'd["id"]'
}

await_job() {  # JOB: waits for its end, fails unless COMPLETED, prints its step times to stderr
  local status
  while :; do
    status="$(call "$api/jobs/by-id/$1" | json 'd["job"]["status"]')"
    case "$status" in COMPLETED) break ;; FAILED|STOPPED|ABANDONED) echo "job $1 $status" >&2; exit 1 ;; esac
    sleep 0.2
  done
  call "$api/jobs/by-id/$1" | python3 -c '
import json, sys
from datetime import datetime
def t(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))
d = json.load(sys.stdin)
j = d["job"]
parts = ["queued %.1fs" % (t(j["startedAt"]) - t(j["queuedAt"])).total_seconds()]
for s in d["executions"][0]["steps"]:
    parts.append("%s %.0fs" % (s["name"], (t(s["endedAt"]) - t(s["startedAt"])).total_seconds()))
print("  steps (1 s resolution): " + ", ".join(parts), file=sys.stderr)'
  call "$api/backups/$(call "$api/jobs/by-id/$1" | json 'd["job"]["backupId"]')" | python3 -c '
import json, sys
b = json.load(sys.stdin)["backup"]
print("  %s, %s: %d bytes read, %d bytes written" % (b["type"], b.get("changeTracking"),
      b["bytesRead"], b["bytesWritten"]), file=sys.stderr)'
}

backup_of() {  # VM_ID TYPE: prints the wall seconds from the request to the end of the job
  local start job
  start="$(now)"
  job="$(start_backup "$1" "$2")"
  await_job "$job"
  python3 -c "print(f'{$(now) - $start:.2f}')"
}

backup() {  # TYPE: backs up the first VM, prints the wall seconds
  backup_of "$vm_id" "$1"
}

echo "warm-up: full backup of the second VM (a fresh hub's JIT is cold; not timed) ..."
warm_s="$(backup_of "$vm2_id" full)"

reference() {  # prints the wall seconds of curl + qemu-img convert of the first VM's disk
  local start
  start="$(now)"
  curl -skf -u "admin:$password" -o "$work/ref.raw" \
    "https://127.0.0.1:$vc_port/folder/DC0_H0_VM0/disk1-flat.vmdk?dcPath=DC0&dsName=LocalDS_0"
  qemu-img convert -O qcow2 "$work/ref.raw" "$work/ref.qcow2"
  python3 -c "print(f'{$(now) - $start:.2f}')"
  rm -f "$work/ref.raw" "$work/ref.qcow2"
}

# The machine is shared: the reference runs right before and right after the full, and the ratio
# is taken against their mean.
echo "reference: curl + qemu-img convert ..."
ref1_s="$(reference)"
echo "full backup ..."
$profile && jcmd "$hub_pid" JFR.start name=bench settings=profile >/dev/null
gc_before="$(gc_seconds)"
full_s="$(backup auto)"
full_gc="$(python3 -c "print(f'{$(gc_seconds) - $gc_before:.2f}')")"
if $profile; then
  jcmd "$hub_pid" JFR.stop name=bench filename="$work/full.jfr" >/dev/null
  python3 "$root/bench/jfr-top.py" "$work/full.jfr" 25
fi
echo "reference again ..."
ref2_s="$(reference)"
ref_s="$(python3 -c "print(f'{($ref1_s + $ref2_s) / 2:.2f}')")"

echo "changing 1% of the disk ..."
python3 - "$flat" "$size_mib" <<'PY'
import os, random, sys
path, mib = sys.argv[1], int(sys.argv[2])
blocks = (mib << 20) // 65536
random.seed(7)
with open(path, "r+b") as f:
    for b in random.sample(range(blocks), max(1, blocks // 100)):
        f.seek(b * 65536)
        f.write(os.urandom(65536))
PY
sync
echo "incremental backup ..."
gc_before="$(gc_seconds)"
incr_s="$(backup auto)"
incr_gc="$(python3 -c "print(f'{$(gc_seconds) - $gc_before:.2f}')")"

echo "two full backups at once (both VMs) ..."
gc_before="$(gc_seconds)"
pair_start="$(now)"
job1="$(start_backup "$vm_id" full)"
job2="$(start_backup "$vm2_id" full)"
await_job "$job1"
await_job "$job2"
pair_s="$(python3 -c "print(f'{$(now) - $pair_start:.2f}')")"
pair_gc="$(python3 -c "print(f'{$(gc_seconds) - $gc_before:.2f}')")"

python3 - "$size_mib" "$full_s" "$incr_s" "$ref_s" "$full_gc" "$incr_gc" "$pair_s" "$pair_gc" <<'PY'
import sys
mib, full, incr, ref, full_gc, incr_gc, pair, pair_gc = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"disk {mib} MiB (50% data)")
print(f"full backup          {full:8.2f} s  {mib / full:8.1f} MiB/s of disk  (hub GC {full_gc:.2f} s)")
print(f"incremental (1%)     {incr:8.2f} s  = {incr / full:.3f} of the full  (goal < 0.05; hub GC {incr_gc:.2f} s)")
print(f"curl + qemu-img      {ref:8.2f} s  (mean of one run before and one after the full)")
print(f"full / (curl + qemu) {full / ref:8.2f}  (goal <= 1.0)")
print(f"two fulls at once    {pair:8.2f} s  {2 * mib / pair:8.1f} MiB/s of disk together"
      f" = {2 * full / pair:.2f} x one full's rate  (hub GC {pair_gc:.2f} s)")
PY
