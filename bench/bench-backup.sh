#!/usr/bin/env bash
# Times a real backup through the hub against what a user would script by hand, in one run:
# vcsim (with our CBT extension) serves two VMs with one disk of SIZE_MIB each (random data with 50%
# zero regions); the hub (started by the real launcher on a private data folder) backs them up into
# its local repository. After untimed warm-ups (both VMs at once), the first VM gets four fulls,
# alternating one and four reads in flight per disk (the source's readStreams: 1, 4, 4, 1), then an
# incremental after 1% of its disk changed; then both VMs back up (full) at once, for the aggregate
# throughput; then a second, stock vcsim (no changed block tracking) serves a third VM: a full, and
# an incremental after 1% changed, which reads the whole disk and compares content. The reference is `curl` downloading the same disk file from vcsim plus `qemu-img
# convert -O qcow2` of it, run before and after the fulls. Last, a VM of four disks of SIZE_MIB/4
# each: a full, with the hub's heap sampled (the disks move in parallel within the job's threads). Prints per case the wall time, the hub's
# and vcsim's CPU seconds and the hub's GC time (jstat), each job's timeline from the hub's log
# (when the snapshot was taken, when each disk's first bytes came in, when the images were
# committed and hashed) and how the time to the first bytes splits into the source's snapshot, its
# changed-area walk and Sendense's own, the hub's CPU by thread, and the ratios. Wall times run from the request
# to the end of the job as the hub's ledger recorded it (when the API shows it COMPLETED), found by
# one poller (bench/await-jobs.py, every 0.25 s).
#
#   bench/bench-backup.sh [--profile]
#   --profile   records the hub with JFR during the third full backup and prints the hot frames
#   BENCH_DIR   work folder (default /tmp/sendense-bench-backup; needs ~6 x SIZE_MIB free)
#   SIZE_MIB    disk size (default 4096)
#   WARMUPS     untimed rounds of two fulls at once before the timed cases (default 2)
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
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
require_built "mvn -B -pl deploy -am package -DskipTests" "$root/deploy/target/sendense-launcher.jar"
require_tools qemu-img curl python3

rm -rf "$work" && mkdir -p "$work/hub"

# --- vcsim with VMs of one disk --------------------------------------------------------------
start_vcsim vcsim "$size_mib" -cbt="${VCSIM_CBT:-true}"
flat="$ds/DC0_H0_VM0/disk1-flat.vmdk"
flat2="$ds/DC0_C0_RP0_VM0/disk1-flat.vmdk"   # a second VM, for two backups at once

echo "writing ${size_mib} MiB of guest data (random, 50% zero regions) into two VMs ..."
write_guest_data "$flat" "$flat2"

# --- the hub ---------------------------------------------------------------------------------
echo "starting the hub ..."
start_hub "$work/hub" "$work/hub.log"
wait_for_hub "$work/hub"
# A bearer token for all further calls: Basic auth costs the hub a PBKDF2 derivation (600,000
# iterations) per request, which the polling below would add to the backup's time.
new_token
hub_pid="$(hub_jvm_of "$hub_launcher_pid")"
gc_seconds() { jstat -gcutil "$hub_pid" | awk 'NR==2 {print $NF}'; }
source_body() {  # READ_STREAMS: the source's definition
  echo "{\"name\":\"bench\",\"config\":{\"host\":\"127.0.0.1\",\"port\":\"$vc_port\",\"username\":\"admin\",\"password\":\"$password\",\"certificateMode\":\"pinned\",\"thumbprint\":\"$thumb\",\"readStreams\":\"$1\"}}"
}
source_id="$(call -X POST "$api/sources" -d "$(source_body 4)" | json 'd["id"]')"
read_streams() {  # N: reads in flight per disk for the next jobs
  call -X PUT "$api/sources/$source_id" -d "$(source_body "$1")" >/dev/null
}
call -X POST "$api/sources/$source_id/discover" >/dev/null
vm_id="$(call "$api/vm-contexts?source=$source_id&name=DC0_H0_VM0" | json 'd[0]["id"]')"
vm2_id="$(call "$api/vm-contexts?source=$source_id&name=DC0_C0_RP0_VM0" | json 'd[0]["id"]')"
repo_id="$(call "$api/repositories" | json '[r["id"] for r in d if r["name"]=="Local"][0]')"

start_backup() {  # VM_ID TYPE: queues a backup, prints the job id
  call -X POST "$api/backups" -d "{\"vmId\":$1,\"repositoryId\":$repo_id,\"type\":\"$2\"}" | json 'd["id"]'
}

await_jobs() {  # START JOB...: waits for the jobs (fails unless all COMPLETED), prints their
  # timelines to stderr and the wall seconds from START to the end of the last one
  python3 "$root/bench/await-jobs.py" "$api" "$token" "$work/hub/logs/hub.log" "$@"
}

# measured CMD...: runs CMD (which prints wall seconds) once the hub is at rest and prints
# "wall hub-gc hub-cpu vcsim-cpu"
measured() {
  local gc0 hub0 vc0 wall
  at_rest "$hub_pid"
  python3 "$root/bench/thread-cpu.py" "$hub_pid" > "$work/threads.txt"
  gc0="$(gc_seconds)"; hub0="$(cpu_seconds "$hub_pid")"; vc0="$(cpu_seconds "$vcsim_pid")"
  wall="$("$@")"
  python3 "$root/bench/thread-cpu.py" "$hub_pid" "$work/threads.txt" >&2
  python3 -c "print('$wall', *(f'{b - a:.2f}' for a, b in (($gc0, $(gc_seconds)), ($hub0, $(cpu_seconds "$hub_pid")), ($vc0, $(cpu_seconds "$vcsim_pid")))))"
}

backup_of() {  # VM_ID TYPE: prints the wall seconds from the request to the end of the job
  local start job
  start="$(now)"
  job="$(start_backup "$1" "$2")"
  await_jobs "$start" "$job"
}

backup() {  # TYPE: backs up the first VM, prints the wall seconds
  backup_of "$vm_id" "$1"
}

pair() {  # backs up both VMs at once (full), prints the wall seconds
  local start job1 job2
  start="$(now)"
  job1="$(start_backup "$vm_id" full)"
  job2="$(start_backup "$vm2_id" full)"
  await_jobs "$start" "$job1" "$job2"
}

# Both VMs at once: warms the fresh hub's JIT and turns change tracking on for both VMs (vcsim's
# emulation then hashes the disk twice in that first snapshot step), so every timed full below
# pays one snapshot of the same kind.
# A fresh hub spends more CPU compiling (JIT) than moving data in its first backups (measured with
# the CPU by thread: 2.4-3.4 s of JIT in each of the first two timed fulls, 1.5 s in the fourth);
# more warm-up rounds bring the timed runs closer to a hub that has been running for a while.
for round in $(seq "${WARMUPS:-2}"); do
  echo "warm-up $round: full backups of both VMs at once (not timed) ..."
  pair >/dev/null
done

reference() {  # prints the wall seconds of curl + qemu-img convert of the first VM's disk
  local start
  start="$(now)"
  curl -skf -u "admin:$password" -o "$work/ref.raw" \
    "https://127.0.0.1:$vc_port/folder/DC0_H0_VM0/disk1-flat.vmdk?dcPath=DC0&dsName=LocalDS_0"
  qemu-img convert -O qcow2 "$work/ref.raw" "$work/ref.qcow2"
  python3 -c "print(f'{$(now) - $start:.2f}')"
  rm -f "$work/ref.raw" "$work/ref.qcow2"
}

full_with() {  # STREAMS: a full of the first VM with that many reads in flight per disk
  read_streams "$1"
  echo "full backup, readStreams $1 ..." >&2
  measured backup full
}

# The machine is shared: the reference runs right before and right after the fulls, and the
# ratios are taken against their mean. The fulls alternate one and four reads in flight per disk
# (1, 4, 4, 1) so that both see the same mix of load.
echo "reference: curl + qemu-img convert ..."
ref1_s="$(measured reference)"
full1a="$(full_with 1)"
full4a="$(full_with 4)"
$profile && jcmd "$hub_pid" JFR.start name=bench settings=profile >/dev/null
full4b="$(full_with 4)"
if $profile; then
  jcmd "$hub_pid" JFR.stop name=bench filename="$work/full.jfr" >/dev/null
  python3 "$root/bench/jfr-top.py" "$work/full.jfr" 25
fi
full1b="$(full_with 1)"
read_streams 4
echo "reference again ..."
ref2_s="$(measured reference)"

change_one_percent() {  # FLAT: rewrites 1% of the disk in random 64 KiB blocks
python3 - "$1" "$size_mib" <<'PY'
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
}
echo "changing 1% of the disk ..."
change_one_percent "$flat"
echo "incremental backup ..."
incr="$(measured backup auto)"

echo "two full backups at once (both VMs) ..."
both="$(measured pair)"

# Without changed block tracking (a stock vcsim: no QueryChangedDiskAreas, no allocated areas):
# the incremental reads the whole disk and stores only what differs from the parent.
echo "without CBT: full, then an incremental after 1% changed (content compare) ..."
start_vcsim vcsim-nocbt "$size_mib" -cbt=false  # sets vcsim_pid: the CPU column of the no-CBT cases is this vcsim's
nocbt_port="$vc_port"
nocbt_flat="$ds/DC0_H0_VM0/disk1-flat.vmdk"
write_guest_data "$nocbt_flat"
nocbt_body="{\"name\":\"bench-nocbt\",\"config\":{\"host\":\"127.0.0.1\",\"port\":\"$nocbt_port\",\"username\":\"admin\",\"password\":\"$password\",\"certificateMode\":\"pinned\",\"thumbprint\":\"$thumb\",\"readStreams\":\"4\"}}"
nocbt_source="$(call -X POST "$api/sources" -d "$nocbt_body" | json 'd["id"]')"
call -X POST "$api/sources/$nocbt_source/discover" >/dev/null
nocbt_vm="$(call "$api/vm-contexts?source=$nocbt_source&name=DC0_H0_VM0" | json 'd[0]["id"]')"
nocbt_full="$(measured backup_of "$nocbt_vm" full)"
change_one_percent "$nocbt_flat"
nocbt_incr="$(measured backup_of "$nocbt_vm" auto)"

# A VM of four disks of SIZE_MIB/4 each (the same bytes as the one-disk fulls): the job's transfer
# step moves the disks as parallel partitions (four threads by default); the timeline shows each
# disk's first bytes, and jstat samples the hub's heap every 0.25 s (used = survivors + eden + old).
echo "a VM of four disks: two fulls (the first turns change tracking on) ..."
quarter=$(( size_mib / 4 ))
start_vcsim vcsim-4disks "$quarter" -extra-disks 3 -cbt=true  # sets vcsim_pid to this vcsim's
four_port="$vc_port"
four_dir="$ds/DC0_H0_VM0"
write_guest_data "$four_dir/disk1-flat.vmdk" "$four_dir/disk2-flat.vmdk" "$four_dir/disk3-flat.vmdk" \
  "$four_dir/disk4-flat.vmdk"
four_body="{\"name\":\"bench-4disks\",\"config\":{\"host\":\"127.0.0.1\",\"port\":\"$four_port\",\"username\":\"admin\",\"password\":\"$password\",\"certificateMode\":\"pinned\",\"thumbprint\":\"$thumb\",\"readStreams\":\"4\"}}"
four_source="$(call -X POST "$api/sources" -d "$four_body" | json 'd["id"]')"
call -X POST "$api/sources/$four_source/discover" >/dev/null
four_vm="$(call "$api/vm-contexts?source=$four_source&name=DC0_H0_VM0" | json 'd[0]["id"]')"
backup_of "$four_vm" full >/dev/null
jstat -gc "$hub_pid" 250 > "$work/heap.txt" &
heap_sampler=$!
four_full="$(measured backup_of "$four_vm" full)"
kill "$heap_sampler" 2>/dev/null || true
heap_mib="$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ {u = ($3 + $4 + $6 + $8) / 1024; if (u > m) m = u} END {printf "%.0f", m}' "$work/heap.txt")"
heap_max_mib="$(jcmd "$hub_pid" VM.flags | tr ' ' '\n' | awk -F= '/MaxHeapSize/ {printf "%.0f", $2 / 1048576; exit}')"

python3 - "$size_mib" "$(cut -d' ' -f1-3 /proc/loadavg)" "$ref1_s" "$ref2_s" "$full1a" "$full1b" \
  "$full4a" "$full4b" "$incr" "$both" "$nocbt_full" "$nocbt_incr" "$four_full" "$heap_mib $heap_max_mib" <<'PY'
import sys
mib, load = int(sys.argv[1]), sys.argv[2]
ref1, ref2, f1a, f1b, f4a, f4b, incr, both, nfull, nincr, four, heap = (
    [float(x) for x in a.split()] for a in sys.argv[3:])
ref = (ref1[0] + ref2[0]) / 2
full1 = (f1a[0] + f1b[0]) / 2
full = (f4a[0] + f4b[0]) / 2
def line(name, r, note=""):
    wall, gc, hub, vc = r
    print(f"{name:24s} {wall:8.2f} s  {mib / wall:7.1f} MiB/s of disk  hub CPU {hub:6.1f} s"
          f"  vcsim CPU {vc:6.1f} s  hub GC {gc:.2f} s{note}")
print(f"disk {mib} MiB (50% data); load average at the end: {load}")
line("curl + qemu-img (before)", ref1)
line("curl + qemu-img (after)", ref2)
line("full, readStreams 1 (a)", f1a, f"  ratio {f1a[0] / ref:.2f}")
line("full, readStreams 4 (a)", f4a, f"  ratio {f4a[0] / ref:.2f}")
line("full, readStreams 4 (b)", f4b, f"  ratio {f4b[0] / ref:.2f}")
line("full, readStreams 1 (b)", f1b, f"  ratio {f1b[0] / ref:.2f}")
line("incremental (1%)", incr, f"  = {incr[0] / full:.3f} of the full (goal < 0.05)")
line("two fulls at once", both, f"  = {2 * full / both[0]:.2f} x one full's rate")
line("full without CBT", nfull, f"  ratio {nfull[0] / ref:.2f} (whole disk read)")
line("incremental without CBT", nincr, f"  = {nincr[0] / nfull[0]:.3f} of its full (content compare)")
line("full of 4 disks (1/4 each)", four, f"  ratio {four[0] / ref:.2f}; hub heap used at most"
     f" {heap[0]:.0f} of {heap[1]:.0f} MiB")
print(f"full / (curl + qemu-img): {full1 / ref:.2f} with 1 read in flight per disk,"
      f" {full / ref:.2f} with 4 (goal <= 1.0; means of two fulls each)")
PY
