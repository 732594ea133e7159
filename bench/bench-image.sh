#!/usr/bin/env bash
# Times `sendense-image convert` against `qemu-img convert -O qcow2` on the same machine in one
# run, on a 2 GiB raw input that is (a) random, (b) 90% zeros, (c) an incremental where 2% of the
# clusters changed (ours: content-compare against the parent with --backing; qemu-img: -B parent,
# which writes every cluster), and prints ours/qemu-img per case (best of REPEAT runs each).
#
#   bench/bench-image.sh [--profile]
#   BENCH_DIR   work folder (default /tmp/sendense-bench; needs ~12 GiB free)
#   SIZE_MIB    input size (default 2048)
#   REPEAT      runs per tool and case (default 3)
#   --profile   also records one run of ours per case with JFR and prints the hot frames
#
# Not part of `mvn verify`. Inputs are generated once and kept in BENCH_DIR for later runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/sendense-bench}"
size_mib="${SIZE_MIB:-2048}"
repeat="${REPEAT:-3}"
profile=false
[ "${1:-}" = "--profile" ] && profile=true
tool="$root/deploy/bin/sendense-image"
jar="$root/disk-image/target/sendense-image.jar"

command -v qemu-img >/dev/null || { echo "qemu-img missing: run deploy/test-support/install-disk-image.sh" >&2; exit 1; }
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl disk-image -am package -DskipTests)
fi
mkdir -p "$work"
cd "$work"

make_inputs() {
  if [ ! -f parent.qcow2 ] || [ "$(stat -c %s random.raw)" -ne $((size_mib << 20)) ]; then
    rm -f parent.qcow2
    echo "generating ${size_mib} MiB inputs in $work ..."
    # head closes the pipe when it has enough, so openssl ends with SIGPIPE: not an error here.
    (set +o pipefail
     openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f -iv 0 </dev/zero \
       2>/dev/null | head -c $((size_mib << 20)) >random.raw)
    [ "$(stat -c %s random.raw)" -eq $((size_mib << 20)) ] || { echo "input generation failed" >&2; exit 1; }
    python3 "$root/bench/make-inputs.py" zeros random.raw zeros90.raw
    python3 "$root/bench/make-inputs.py" change random.raw changed2.raw
    qemu-img convert -f raw -O qcow2 random.raw parent.qcow2
  fi
}

# Prints the wall time of one command in seconds (output files removed first, dirty pages synced).
time_run() {
  rm -f out.qcow2 out.qcow2.partial
  sync
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

best() {
  local best="" t
  for _ in $(seq "$repeat"); do
    t=$(time_run "$@") || exit 1
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  printf '%.3f' "$best"
}

run_case() {
  local name="$1" src="$2" backing="${3:-}"
  local ours qemu
  if [ -n "$backing" ]; then
    ours=$(best "$tool" convert "$src" out.qcow2 --backing "$backing") || exit 1
    qemu=$(best qemu-img convert -f raw -O qcow2 -B "$backing" -F qcow2 "$src" out.qcow2) || exit 1
  else
    ours=$(best "$tool" convert "$src" out.qcow2) || exit 1
    qemu=$(best qemu-img convert -f raw -O qcow2 "$src" out.qcow2) || exit 1
  fi
  printf '%-28s %9s %9s %7.2f\n' "$name" "$ours" "$qemu" "$(echo "$ours / $qemu" | bc -l)"
  if $profile; then
    rm -f out.qcow2 profile.jfr
    local args=(convert "$src" out.qcow2)
    [ -n "$backing" ] && args+=(--backing "$backing")
    JAVA_OPTS="-XX:StartFlightRecording=filename=profile.jfr,settings=profile" \
      "$tool" "${args[@]}" >/dev/null 2>&1
    python3 "$root/bench/jfr-top.py" profile.jfr 10
  fi
}

make_inputs
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(qemu-img --version | head -1)"
printf '%-28s %9s %9s %7s\n' "case (${size_mib} MiB)" "ours s" "qemu s" "ratio"
run_case "(a) random" random.raw
run_case "(b) 90% zeros" zeros90.raw
run_case "(c) incremental, 2% changed" changed2.raw parent.qcow2
rm -f out.qcow2 profile.jfr
