#!/usr/bin/env bash
# Server time of every list page and list API on a large catalog (issue 22): starts the hub with
# the real launcher on a private data folder, loads VMS VMs, POINTS restore points, VM_GROUPS groups
# and FLOWS flows (bench/scale-catalog.sh), logs in through the login form and requests each page
# (Dashboard, Virtual machines, a VM's history, Restore, Protection Flows, Groups, Jobs) and each
# list API ROUNDS times, one at a time. Prints p50/p95/max in ms, the answer's size and, for the
# API, X-Total-Count; plus the machine's load average before and after.
# With REFERENCE_LAUNCHER set (an older build's sendense-launcher.jar next to its sendense/ folder)
# runs the same cases on it first and prints this build / reference per case.
#
#   bench/bench-pages.sh
#   BENCH_DIR  work folder (default /tmp/sendense-bench-pages)
#   VMS, POINTS, VM_GROUPS, FLOWS  catalog size (default 2000, 50000, 20, 100)
#   ROUNDS     timed requests per case (default 20, after 2 warm-ups)
#   EXPLAIN=1  also print MariaDB's plans for the pages' queries (bench/explain-pages.sql)
#   BROWSER=1  also time each page in headless Chromium, navigation to load event
#              (bench/browser-load.py, BROWSER_ROUNDS times, default 5) into $BENCH_DIR/NAME.browser
# The hub's heap after a full GC (jcmd GC.run, GC.heap_info, top of GC.class_histogram) is saved
# in $BENCH_DIR/NAME.heap after the timings.
#
# Not part of `mvn verify`. Needs the built launcher (mvn -pl deploy -am package -DskipTests),
# curl and python3.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/sendense-bench-pages}"
launcher="${LAUNCHER:-$root/deploy/target/sendense-launcher.jar}"
reference="${REFERENCE_LAUNCHER:-}"
rounds="${ROUNDS:-20}"

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
require_built "mvn -B -pl deploy -am package -DskipTests" "$launcher"
require_tools curl python3
sql() { MYSQL_PWD="$(cat "$data/secrets/db-password")" "$data/mariadb/bin/mariadb" -N -h 127.0.0.1 \
          -P "$db_port" -u sendense_hub sendense -e "$1"; }

# run_hub NAME LAUNCHER: starts a hub, loads the catalog, times every case into $work/NAME.results
run_hub() {
  local name="$1" jar="$2" port pid auth api password vm group flow
  data="$work/$1"
  rm -rf "$data" && mkdir -p "$data"
  echo "[$name] starting the hub ..." >&2
  start_hub "$data" "$work/$name.log" "$jar"
  pid="$hub_launcher_pid" port="$hub_port"
  wait_for_hub "$data"
  # The first admin must choose a password before any page; the API may do it.
  password="bench-$(date +%s%N)"
  curl -sf -u "$auth" -H 'Content-Type: application/json' -X POST "$api/me/password" \
    -d "{\"currentPassword\":\"${auth#admin:}\",\"newPassword\":\"$password\"}" >/dev/null
  echo "[$name] loading the catalog ..." >&2
  local started=$SECONDS
  bash "$root/bench/scale-catalog.sh" "$data/mariadb/bin/mariadb" 127.0.0.1 "$db_port" \
    sendense_hub "$(cat "$data/secrets/db-password")" sendense >&2
  echo "[$name] catalog loaded in $((SECONDS - started)) s" >&2
  vm="$(sql "SELECT vm_context_id FROM backups GROUP BY vm_context_id ORDER BY COUNT(*) DESC, vm_context_id LIMIT 1")"
  group="$(sql "SELECT id FROM protection_groups WHERE name LIKE 'scale-%-group-%' ORDER BY id LIMIT 1")"
  flow="$(sql "SELECT id FROM protection_flows WHERE name LIKE 'scale-%-flow-%' ORDER BY id LIMIT 1")"
  cat > "$work/cases" <<CASES
page dashboard /dashboard.xhtml
page vm-list /sources/vm-list.xhtml
page vm-detail /sources/vm-detail.xhtml?id=$vm
page restore /restore/restore.xhtml
page flow-list /flows/flow-list.xhtml
page group-list /groups/group-list.xhtml
page job-list /jobs/job-list.xhtml
api vm-contexts /api/v1/vm-contexts
api vm-contexts?limit=50 /api/v1/vm-contexts?limit=50
api vm-contexts?name=scale-vm-01 /api/v1/vm-contexts?name=scale-vm-01&limit=50
api backups /api/v1/backups
api backups?vm_id /api/v1/backups?vm_id=$vm&status=COMPLETE
api jobs /api/v1/jobs
api protection-flows /api/v1/protection-flows
api protection-flows/summary /api/v1/protection-flows/summary
api flow-executions /api/v1/protection-flows/$flow/executions
api protection-groups /api/v1/protection-groups
api group-members /api/v1/protection-groups/$group/members
api sources /api/v1/sources
api repositories /api/v1/repositories
api audit /api/v1/audit
CASES
  echo "[$name] timing $(grep -c . "$work/cases") cases, $rounds rounds each ..." >&2
  { echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
    python3 "$root/bench/page-load.py" "http://127.0.0.1:$port" admin "$password" "$rounds" \
      "$work/cases"
    echo "load $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$work/$name.results"
  if [ "${BROWSER:-}" = 1 ]; then
    echo "[$name] timing the pages in Chromium ..." >&2
    { echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
      python3 "$root/bench/browser-load.py" "http://127.0.0.1:$port" admin "$password" \
        "${BROWSER_ROUNDS:-5}" "$work/cases"
      echo "load $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$work/$name.browser" || true
  fi
  # The hub runs in a child JVM of the launcher: its heap after a full GC, with the pages loaded.
  local hub
  hub="$(hub_jvm_of "$pid")"
  local jcmd
  jcmd="$(dirname "$(readlink -f "$(command -v java)")")/jcmd"
  if [ -n "$hub" ] && [ -x "$jcmd" ]; then
    { "$jcmd" "$hub" GC.run >/dev/null; "$jcmd" "$hub" GC.heap_info
      "$jcmd" "$hub" GC.class_histogram | head -13; } > "$work/$name.heap" 2>&1 || true
  fi
  if [ "${EXPLAIN:-}" = 1 ]; then
    MYSQL_PWD="$(cat "$data/secrets/db-password")" "$data/mariadb/bin/mariadb" -t -h 127.0.0.1 \
      -P "$db_port" -u sendense_hub sendense < "$root/bench/explain-pages.sql" \
      > "$work/$name.explain" 2>&1 || true
    echo "[$name] query plans in $work/$name.explain" >&2
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

mkdir -p "$work"
[ -n "$reference" ] && run_hub reference "$reference"
run_hub this "$launcher"

python3 - "$work" "$([ -n "$reference" ] && echo yes || echo no)" <<'PY'
import json, sys, os
work, with_ref = sys.argv[1], sys.argv[2] == "yes"
def load(name):
    rows, loads = {}, []
    for line in open(os.path.join(work, name + ".results")):
        if line.startswith("load "):
            loads.append(line[5:].strip())
        else:
            r = json.loads(line)
            rows[r["name"]] = r
    return rows, loads
this, loads = load("this")
ref = load("reference") if with_ref else None
print(f"{'case':<32}{'HTTP':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'KiB':>8}{'total':>8}"
      + (f"{'p95 ref':>9}{'p95/ref':>9}" if ref else ""))
for name, r in this.items():
    line = (f"{r['kind'] + ' ' + name:<32}{r['status']:>5}{r['p50_ms']:>9}{r['p95_ms']:>9}"
            f"{r['max_ms']:>9}{r['bytes'] // 1024:>8}{r['total'] or '':>8}")
    if ref and name in ref[0]:
        o = ref[0][name]
        line += f"{o['p95_ms']:>9}{r['p95_ms'] / o['p95_ms']:>9.2f}"
    print(line)
print("load average (1, 5, 15 min) before and after: " + " -> ".join(loads)
      + (f"; reference run: {' -> '.join(ref[1])}" if ref else ""))
PY
