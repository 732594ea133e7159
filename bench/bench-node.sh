#!/usr/bin/env bash
# The same backup through a node and on the hub, in one run: vcsim (with our CBT extension) serves
# one VM with one disk of SIZE_MIB (random data with 50% zero regions); the hub (the real launcher
# on a private data folder, with its node listener on) and one node process (deploy/run-node.sh,
# paired with a token from the API) run on this machine. ROUNDS times, a full backup of the VM into
# the hub's local repository runs on the hub (the source on no node), then the same full backup
# runs on the node (PUT /api/v1/sources/{id}/node), after one untimed warm-up of each. Wall times
# run from the request to the job's end as the hub's ledger recorded it (bench/await-jobs.py).
# Prints each round, the medians and node/hub. Both processes share this machine's CPU and disk,
# so the ratio is the node's overhead (long poll pickup, catalog calls and telemetry over mutual
# TLS), not the WAN traffic a node saves.
#
#   bench/bench-node.sh
#   BENCH_DIR  work folder (default /tmp/sendense-bench-node; needs ~3 x SIZE_MIB free)
#   SIZE_MIB   disk size (default 1024)
#   ROUNDS     timed rounds (default 3)
#   CALLS=1    also records the node's socket I/O with JFR during the timed rounds and prints how
#              long the node's threads waited on the hub per node backup (TLS handshakes, catalog
#              calls, telemetry), by thread; the recording slows the node a little
#
# Not part of `mvn verify`. Needs the built launcher and node (mvn -B -pl deploy,node-service -am
# package -DskipTests), curl, python3, and Go + govmomi sources for vcsim (deploy/test-support/).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/sendense-bench-node}"
size_mib="${SIZE_MIB:-1024}"
rounds="${ROUNDS:-3}"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
require_built "mvn -B -pl deploy,node-service -am package -DskipTests" \
  "$root/deploy/target/sendense-launcher.jar" "$root/node-service/target/sendense-node.jar"
require_tools curl python3

rm -rf "$work" && mkdir -p "$work/hub"

# --- vcsim with one VM of one disk ------------------------------------------------------------
start_vcsim vcsim "$size_mib"
echo "writing ${size_mib} MiB of guest data (random, 50% zero regions) ..."
write_guest_data "$ds/DC0_H0_VM0/disk1-flat.vmdk"

# --- the hub, with its node listener ----------------------------------------------------------
nodes_port="$(free_port)"
echo "starting the hub ..."
start_hub "$work/hub" "$work/hub.log" "" SENDENSE_NODES_PORT="$nodes_port"
wait_for_hub "$work/hub"
new_token
source_id="$(call -X POST "$api/sources" -d "{\"name\":\"bench\",\"config\":{\"host\":\"127.0.0.1\",\"port\":\"$vc_port\",\"username\":\"admin\",\"password\":\"$password\",\"certificateMode\":\"pinned\",\"thumbprint\":\"$thumb\"}}" | json 'd["id"]')"
call -X POST "$api/sources/$source_id/discover" >/dev/null
vm_id="$(call "$api/vm-contexts?source=$source_id&name=DC0_H0_VM0" | json 'd[0]["id"]')"
repo_id="$(call "$api/repositories" | json '[r["id"] for r in d if r["name"]=="Local"][0]')"

# --- the node ---------------------------------------------------------------------------------
pairing="$(call -X POST "$api/nodes/pairing-tokens" -d '{}' | json 'd["token"]')"
if [ "${CALLS:-}" = 1 ]; then
  # every socket read and write and every TLS handshake, however short (the defaults keep >20 ms)
  java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  sed -e 's#control="socket-threshold">20 ms<#control="socket-threshold">0 ms<#' \
      -e '/<event name="jdk.TLSHandshake">/,/<\/event>/ s#<setting name="enabled">false<#<setting name="enabled">true<#' \
      "$java_home/lib/jfr/default.jfc" > "$work/calls.jfc"
fi
"$root/deploy/run-node.sh" --hub "https://127.0.0.1:$nodes_port" --token "$pairing" \
  --data "$work/node" --name bench-node > "$work/node.log" 2>&1 &
pids+=($!)
echo "pairing the node ..."
node_id=""
for _ in $(seq 240); do
  node_id="$(call "$api/nodes" | json '([n["id"] for n in d if n["name"]=="bench-node" and n["state"]=="ONLINE"] or [""])[0]')"
  [ -n "$node_id" ] && break
  sleep 0.5
done
[ -n "$node_id" ] || { echo "the node did not come ONLINE; see $work/node.log" >&2; exit 1; }

place() {  # NODE_ID|null: where the source's backups run
  call -X PUT "$api/sources/$source_id/node" -d "{\"nodeId\":$1}" >/dev/null
}
full() {  # one full backup of the VM; prints the wall seconds
  local start job
  start="$(now)"
  job="$(call -X POST "$api/backups" -d "{\"vmId\":$vm_id,\"repositoryId\":$repo_id,\"type\":\"full\"}" | json 'd["id"]')"
  python3 "$root/bench/await-jobs.py" "$api" "$token" "$work/hub/logs/hub.log" "$start" "$job" 2>>"$work/timelines.txt"
}

echo "warm-up (untimed): one full on the hub, one on the node ..."
place null; full >/dev/null
place "$node_id"; full >/dev/null
node_pid="${pids[-1]}"  # run-node.sh execs the node's JVM
[ "${CALLS:-}" = 1 ] && jcmd "$node_pid" JFR.start name=calls settings="$work/calls.jfc" >/dev/null
hub_walls=() node_walls=()
for r in $(seq "$rounds"); do
  place null; h="$(full)"
  place "$node_id"; n="$(full)"
  hub_walls+=("$h") node_walls+=("$n")
  echo "round $r: hub ${h} s, node ${n} s"
done
if [ "${CALLS:-}" = 1 ]; then
  jcmd "$node_pid" JFR.dump name=calls filename="$work/calls.jfr" >/dev/null
  jfr print --json --events jdk.SocketRead,jdk.SocketWrite,jdk.TLSHandshake "$work/calls.jfr" \
    > "$work/calls.json"
  python3 "$root/bench/hub-calls.py" "$work/calls.json" "$nodes_port" "$rounds"
fi
python3 - "$size_mib" "${hub_walls[*]}" "${node_walls[*]}" <<'PY'
import statistics, sys
mib = int(sys.argv[1])
hub = [float(x) for x in sys.argv[2].split()]
node = [float(x) for x in sys.argv[3].split()]
h, n = statistics.median(hub), statistics.median(node)
print(f"full backup of {mib} MiB, median of {len(hub)}: hub {h:.2f} s ({mib / h:.0f} MiB/s),"
      f" node {n:.2f} s ({mib / n:.0f} MiB/s); node/hub {n / h:.2f}")
PY
