#!/usr/bin/env bash
# API latency and throughput on a large catalog, with HTTP Basic and with a bearer token, in one
# run: starts the hub with the real launcher on a private data folder, loads VMS VMs and POINTS
# restore points (bench/scale-catalog.sh), then drives GET /api/v1/me (authentication only) and
# GET /api/v1/backups?limit=50 (a read path) with 1 and with CLIENTS parallel clients for SECONDS
# each, and times one GET /api/v1/backups?limit=1000. Prints p50/p95 and requests per second per
# case, and token/Basic ratios.
# With REFERENCE_LAUNCHER set (e.g. a copy of an older build's deploy/target/sendense-launcher.jar
# next to its sendense/ folder), runs the same cases on it first and prints this build / reference.
#
#   bench/bench-api.sh
#   BENCH_DIR  work folder (default /tmp/sendense-bench-api)
#   VMS, POINTS  catalog size (default 2000, 50000)
#   CLIENTS    parallel clients of the parallel cases (default 8)
#   SECONDS_PER_CASE  (default 15)
#
# Not part of `mvn verify`. Needs the built launcher (mvn -pl deploy -am package -DskipTests),
# curl and python3.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/sendense-bench-api}"
launcher="${LAUNCHER:-$root/deploy/target/sendense-launcher.jar}"
reference="${REFERENCE_LAUNCHER:-}"
clients="${CLIENTS:-8}"
seconds="${SECONDS_PER_CASE:-15}"

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
require_built "mvn -B -pl deploy -am package -DskipTests" "$launcher"
require_tools curl python3

# run_hub NAME LAUNCHER: starts a hub, loads the catalog, runs every case; results in $work/NAME.*
run_hub() {
  local name="$1" jar="$2" data="$work/$1" port db_port pid auth api token
  rm -rf "$data" && mkdir -p "$data"
  echo "[$name] starting the hub ..." >&2
  start_hub "$data" "$work/$name.log" "$jar"
  pid="$hub_launcher_pid" port="$hub_port"
  wait_for_hub "$data"
  echo "[$name] loading the catalog ..." >&2
  bash "$root/bench/scale-catalog.sh" "$data/mariadb/bin/mariadb" 127.0.0.1 "$db_port" \
    sendense_hub "$(cat "$data/secrets/db-password")" sendense >&2
  new_token
  local basic="Basic $(printf '%s' "$auth" | base64 -w0)" bearer="Bearer $token"
  curl -sf -H "Authorization: $bearer" "$api/backups?limit=50" >/dev/null  # warm up
  : > "$work/$name.results"
  for path in "me" "backups?limit=50"; do
    for scheme in basic bearer; do
      local header="$basic"
      [ "$scheme" = bearer ] && header="$bearer"
      for n in 1 "$clients"; do
        echo "[$name] $scheme $n x $path ..." >&2
        printf '%s\t%s\t%s\t%s\n' "$path" "$scheme" "$n" \
          "$(python3 "$root/bench/api-load.py" "$api" "$header" "$n" "$seconds" "$path")" \
          >> "$work/$name.results"
      done
    done
  done
  local start end
  start="$(date +%s.%N)"
  curl -s -o /dev/null -w '%{http_code}' -H "Authorization: $bearer" "$api/backups?limit=1000" \
    > "$work/$name.page-status"
  end="$(date +%s.%N)"
  python3 -c "print(round(($end - $start) * 1000))" > "$work/$name.page-ms"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

mkdir -p "$work"
[ -n "$reference" ] && run_hub reference "$reference"
run_hub this "$launcher"

python3 - "$work" "$([ -n "$reference" ] && echo yes || echo no)" <<'PY'
import json, sys, os
work, with_ref = sys.argv[1], sys.argv[2] == "yes"
def load(name):
    rows = {}
    for line in open(os.path.join(work, name + ".results")):
        path, scheme, n, result = line.rstrip("\n").split("\t")
        rows[(path, scheme, n)] = json.loads(result)
    page = open(os.path.join(work, name + ".page-ms")).read().strip()
    status = open(os.path.join(work, name + ".page-status")).read().strip()
    return rows, page, status
this, page, status = load("this")
ref = load("reference") if with_ref else None
print(f"{'case':<36}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>9}{'non-2xx':>9}" + (f"{'p50 vs ref':>12}{'req/s vs ref':>14}" if ref else ""))
for key, r in this.items():
    path, scheme, n = key
    line = f"{path + ' ' + scheme + ' x' + n:<36}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['rps']:>9}{sum(r['errors'].values()):>9}"
    if ref and key in ref[0]:
        o = ref[0][key]
        line += f"{r['p50_ms'] / o['p50_ms']:>12.3f}{r['rps'] / o['rps']:>14.2f}"
    print(line)
for path in ("me", "backups?limit=50"):
    for n in sorted({k[2] for k in this}, key=int):
        b, t = this.get((path, "basic", n)), this.get((path, "bearer", n))
        if b and t:
            print(f"token / Basic, {path} x{n}: p50 {t['p50_ms'] / b['p50_ms']:.3f}, req/s {t['rps'] / b['rps']:.2f}")
print(f"GET backups?limit=1000: {page} ms (HTTP {status})" + (f"; reference {ref[1]} ms (HTTP {ref[2]})" if ref else ""))
PY
