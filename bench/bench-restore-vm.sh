#!/usr/bin/env bash
# Times a whole-VM restore through the hub against what a user would script by hand, in one run:
# vcsim serves a VM with one disk of SIZE_MIB (random data with 50% zero regions); the hub (started
# by the real launcher on a private data folder) backs it up into its local repository, then
# restores the point as a new VM (POST /api/v1/restore/vms). The reference is `qemu-img convert -O
# raw` of the point plus `curl -T` of the raw file to the datastore file service (the same
# transport the plugin uses). Prints restore throughput, time to first byte, and restore /
# reference.
#
#   bench/bench-restore-vm.sh
#   BENCH_DIR   work folder (default /tmp/sendense-bench-restore-vm; needs ~4 x SIZE_MIB free)
#   SIZE_MIB    disk size (default 2048)
#
# Not part of `mvn verify`. Needs the built launcher (mvn -pl deploy -am package -DskipTests),
# qemu-img, curl, python3, and Go + govmomi sources for vcsim (deploy/test-support/*.sh).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/sendense-bench-restore-vm}"
size_mib="${SIZE_MIB:-2048}"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
require_built "mvn -B -pl deploy -am package -DskipTests" "$root/deploy/target/sendense-launcher.jar"
require_tools qemu-img curl python3

rm -rf "$work" && mkdir -p "$work/hub"

start_vcsim vcsim "$size_mib"
flat="$ds/DC0_H0_VM0/disk1-flat.vmdk"
echo "writing ${size_mib} MiB of guest data (random, 50% zero regions) ..."
write_guest_data "$flat"

echo "starting the hub ..."
start_hub "$work/hub" "$work/hub.log"
wait_for_hub "$work/hub"
new_token
source_id="$(call -X POST "$api/sources" -d "{\"name\":\"bench\",\"config\":{\"host\":\"127.0.0.1\",\"port\":\"$vc_port\",\"username\":\"admin\",\"password\":\"$password\",\"certificateMode\":\"pinned\",\"thumbprint\":\"$thumb\"}}" | json 'd["id"]')"
call -X POST "$api/sources/$source_id/discover" >/dev/null
vm_id="$(call "$api/vm-contexts?source=$source_id&name=DC0_H0_VM0" | json 'd[0]["id"]')"
repo_id="$(call "$api/repositories" | json '[r["id"] for r in d if r["name"]=="Local"][0]')"

echo "backup ..."
job="$(call -X POST "$api/backups" -d "{\"vmId\":$vm_id,\"repositoryId\":$repo_id}" | json 'd["id"]')"
while :; do
  status="$(call "$api/jobs/by-id/$job" | json 'd["job"]["status"]')"
  case "$status" in COMPLETED) break ;; FAILED|STOPPED|ABANDONED) echo "backup $status" >&2; exit 1 ;; esac
  sleep 0.5
done
backup_id="$(call "$api/jobs/by-id/$job" | json 'd["job"]["backupId"]')"
image="$work/hub/repository/$(call "$api/backups/$backup_id" | json 'd["disks"][0]["fileName"]')"

echo "VM restore ..."
start="$(now)"
restore="$(call -X POST "$api/restore/vms" -d "{\"backupId\":$backup_id,\"name\":\"bench-restored\"}" | json 'd["id"]')"
while :; do
  status="$(call "$api/restore/vms/$restore" | json 'd["status"]')"
  case "$status" in COMPLETED) break ;; FAILED) call "$api/restore/vms/$restore" >&2; exit 1 ;; esac
  sleep 0.2
done
restore_s="$(python3 -c "print(f'{$(now) - $start:.2f}')")"
call "$api/restore/vms/$restore" > "$work/restore.json"

echo "reference: qemu-img convert -O raw + curl -T ..."
ref_start="$(now)"
qemu-img convert -O raw "$image" "$work/ref.raw"
curl -skf -u "admin:$password" -T "$work/ref.raw" -o /dev/null \
  "https://127.0.0.1:$vc_port/folder/ref/ref-flat.vmdk?dcPath=DC0&dsName=LocalDS_0"
ref_s="$(python3 -c "print(f'{$(now) - $ref_start:.2f}')")"
rm -f "$work/ref.raw"

python3 - "$size_mib" "$restore_s" "$ref_s" "$work/restore.json" <<'PY'
import json, sys
from datetime import datetime
mib, total, ref = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
r = json.load(open(sys.argv[4]))
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
first = (t(r["firstByteAt"]) - t(r["startedAt"])).total_seconds()
writing = (t(r["endedAt"]) - t(r["firstByteAt"])).total_seconds()
queued = (t(r["startedAt"]) - t(r["queuedAt"])).total_seconds()
print(f"disk {mib} MiB (50% data)")
print(f"VM restore, request to COMPLETED  {total:8.2f} s  {mib / total:8.1f} MiB/s of disk")
print(f"  queued {queued:.2f} s, first byte after {first:.2f} s (prepare + create), writing {writing:.2f} s = {mib / writing:.1f} MiB/s")
print(f"qemu-img convert + curl -T        {ref:8.2f} s  {mib / ref:8.1f} MiB/s")
print(f"restore / reference               {total / ref:8.2f}")
PY
