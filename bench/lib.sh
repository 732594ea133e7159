# Shared parts of the bench scripts that drive a real hub (bench-backup, bench-node,
# bench-restore-vm, bench-pages, bench-api): sourced, not run. The caller sets `root` (the
# checkout) and `work` (its work folder) first. Sourcing installs an EXIT trap that stops every
# process started here or added to `pids`, with the vcsim and sleep children of a simulator.
#
#   require_tools TOOL...           fails unless every tool is on the PATH
#   require_built HINT FILE...      fails with "build first: HINT" unless every file exists
#   now, json EXPR, free_port       time in s, a Python expression over JSON on stdin (`d`), a port
#   start_vcsim NAME MIB [ARG...]   vcsim with one VM of one disk of MIB in $work/NAME; sets
#                                   vc_port, thumb, ds (LocalDS_0's folder), vcsim_pid, announce
#   write_guest_data FILE...        random data in 4 MiB regions with zero regions between them
#   start_hub DATA LOG [JAR] [VAR=VALUE...]  the real launcher on a private data folder; sets
#                                   hub_launcher_pid, hub_port, api
#   wait_for_hub DATA               waits (10 min at most) for the API; sets auth (admin:initial)
#   new_token                       a bearer token for `call` (Basic costs a PBKDF2 per request)
#   call CURL_ARGS...               curl with the token and JSON content type, failing on HTTP errors
#   hub_jvm_of LAUNCHER_PID         the hub's JVM (Payara, a child of the launcher)
#   cpu_seconds PID, at_rest PID    a process's CPU seconds so far; waits until it is at rest
# shellcheck shell=bash

pids=()
password="bench-Secret-1"  # vcsim's admin password

# A simulator runs as `(sleep infinity | vcsim ...) &`: its pid is the subshell's, so its children
# (vcsim and sleep) are killed too, or they outlive the bench.
bench_cleanup() {
  local p
  for p in "${pids[@]}"; do
    pkill -KILL -P "$p" -x "vcsim|sleep" 2>/dev/null || true
    kill "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap bench_cleanup EXIT

require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool missing" >&2; exit 1; }
  done
}

require_built() {
  local hint="$1" built
  shift
  for built in "$@"; do
    [ -f "$built" ] || { echo "build first: $hint" >&2; exit 1; }
  done
}

now() { date +%s.%N; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

vcsim_of() {  # SUBSHELL_PID: the vcsim process that subshell started
  local p
  for p in $(pgrep -P "$1"); do
    [ "$(cat "/proc/$p/comm")" != sleep ] && echo "$p"
  done
  return 0
}

start_vcsim() {
  local name="$1" mib="$2" sub
  shift 2
  [ -n "${vcsim_bin:-}" ] || vcsim_bin="$(bash "$root/plugins/vmware/src/test/vcsim/build.sh")"
  mkdir -p "$work/$name"
  (sleep infinity | TMPDIR="$work/$name" "$vcsim_bin" -listen 127.0.0.1:0 -vms 1 \
    -password "$password" -disk-mb "$mib" "$@" > "$work/$name.out" 2> "$work/$name.log") &
  sub=$!
  pids+=("$sub")
  for _ in $(seq 100); do [ -s "$work/$name.out" ] && break; sleep 0.2; done
  [ -s "$work/$name.out" ] || { echo "vcsim did not start; see $work/$name.log" >&2; exit 1; }
  announce="$(head -1 "$work/$name.out")"
  vc_port="$(echo "$announce" | json 'd["url"]' | sed -E 's#https://[^:]+:([0-9]+)/.*#\1#')"
  thumb="$(echo "$announce" | json 'd["thumbprint"]')"
  ds="$(echo "$announce" | json 'd["datastores"]["LocalDS_0"]')"
  vcsim_pid="$(vcsim_of "$sub")"
}

write_guest_data() {
  local f
  for f in "$@"; do
    python3 - "$f" "$(( $(stat -c %s "$f") >> 20 ))" <<'PY'
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
}

start_hub() {
  local data="$1" log="$2" jar="${3:-$root/deploy/target/sendense-launcher.jar}"
  shift $(($# < 3 ? $# : 3))
  hub_port="$(free_port)" db_port="$(free_port)"
  mkdir -p "$data"
  env SENDENSE_DATA_DIR="$data" SENDENSE_HTTP_PORT="$hub_port" \
    SENDENSE_DB_EMBEDDED_PORT="$db_port" "$@" java -jar "$jar" > "$log" 2>&1 &
  hub_launcher_pid=$!
  pids+=("$hub_launcher_pid")
  api="http://127.0.0.1:$hub_port/api/v1"
}

wait_for_hub() {
  local data="$1"
  auth=""
  for _ in $(seq 1200); do  # up to 10 minutes: a busy machine starts Payara slowly
    if [ -f "$data/secrets/initial-admin-password" ] &&
       curl -sf -u "admin:$(cat "$data/secrets/initial-admin-password")" "$api/me" >/dev/null 2>&1; then
      auth="admin:$(cat "$data/secrets/initial-admin-password")"
      return 0
    fi
    kill -0 "$hub_launcher_pid" 2>/dev/null || { echo "the hub ended; see its log" >&2; exit 1; }
    sleep 0.5
  done
  echo "the hub did not answer within 10 minutes (data folder $data)" >&2
  exit 1
}

new_token() {
  token="$(curl -sf -u "$auth" -H 'Content-Type: application/json' -X POST "$api/me/tokens" \
    -d '{"name":"bench"}' | json 'd["token"]')"
}

call() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }

hub_jvm_of() { ps --ppid "$1" -o pid=,args= | awk '/--rootdir/ {print $1; exit}'; }

cpu_seconds() {  # PID: user + system CPU seconds of a process so far
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}

# at_rest PID: waits (up to 120 s) until the process used under 0.05 CPU-s in the last half
# second, so a case does not share the machine with the hub's work left from the one before (the
# background SHA-256 of the last points, JIT). Prints how long it waited to stderr.
at_rest() {
  local start a b
  start="$(now)"
  for _ in $(seq 240); do
    a="$(cpu_seconds "$1")"; sleep 0.5; b="$(cpu_seconds "$1")"
    python3 -c "import sys; sys.exit(0 if $b - $a < 0.05 else 1)" && break
  done
  python3 -c "print(f'    hub at rest after {$(now) - $start:.1f} s')" >&2
}
