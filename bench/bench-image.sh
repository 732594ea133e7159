#!/usr/bin/env bash
# Times `sendense-image convert` against `qemu-img convert -O qcow2` on the same machine in one
# run, on a 2 GiB raw input that is (a) random, (b) 90% zeros, (c) an incremental where 2% of the
# clusters changed (ours: content-compare against the parent with --backing; qemu-img: -B parent,
# which writes every cluster), and prints ours/qemu-img per case (best of REPEAT runs each).
# Ours is durable when it returns (data and metadata fsynced, atomic rename); qemu-img convert
# does not fsync, so a third column times qemu-img followed by an fsync of its output.
#
#   bench/bench-image.sh [--profile]
#   BENCH_DIR   work folder (default /tmp/sendense-bench; needs ~12 GiB free)
#   SIZE_MIB    input size (default 2048)
#   REPEAT      runs per tool and case (default 3)
#   IMAGE_JAR   the sendense-image.jar to time (default: disk-image/target, built if missing), e.g.
#               a jar of an older commit to compare before and after a change in the same conditions
#   --profile   also records one run of ours per case with JFR and prints the hot frames
#
# Each case also runs ours REPEAT more times in one JVM (bench/WarmConvert.java) and prints the best
# against qemu-img + fsync: the writer with its JIT done, as in a hub that has run backups.
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
jar="${IMAGE_JAR:-$root/disk-image/target/sendense-image.jar}"

command -v qemu-img >/dev/null || { echo "qemu-img missing: run deploy/test-support/install-disk-image.sh" >&2; exit 1; }
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl disk-image -am package -DskipTests)
fi
mkdir -p "$work"
cd "$work"
# Run a private copy, so that a rebuild during the run cannot swap classes under the JVM.
cp "$jar" "$work/sendense-image.jar"
export SENDENSE_IMAGE_JAR="$work/sendense-image.jar"

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

# Runs one command on a fresh output; prints "wall cpu" seconds (cpu = user + sys).
time_run() {
  rm -f out.qcow2 out.qcow2.partial
  sync
  /usr/bin/time -f "%e %U %S" -o time.txt "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' time.txt
}

# qemu-img convert does not fsync its output; this variant adds the fsync that makes the image
# as durable as ours is when our convert returns (coreutils `sync FILE` fsyncs one file).
qemu_durable() {
  qemu-img "$@" && sync out.qcow2
}

# Runs ours, qemu-img and qemu-img+fsync alternately REPEAT times (so all three see the same
# machine load) and keeps the best wall time and the matching CPU time of each.
run_case() {
  local name="$1" src="$2" backing="${3:-}"
  local ours=(convert "$src" out.qcow2) qemu=(convert -f raw -O qcow2 "$src" out.qcow2)
  if [ -n "$backing" ]; then
    ours+=(--backing "$backing")
    qemu=(convert -f raw -O qcow2 -B "$backing" -F qcow2 "$src" out.qcow2)
  fi
  local all_o="" all_q="" all_d="" r
  for _ in $(seq "$repeat"); do
    r=$(time_run "$tool" "${ours[@]}") || exit 1
    all_o+="$r"$'\n'
    r=$(time_run qemu-img "${qemu[@]}") || exit 1
    all_q+="$r"$'\n'
    r=$(time_run bash -c "$(declare -f qemu_durable); qemu_durable \"\$@\"" _ "${qemu[@]}") || exit 1
    all_d+="$r"$'\n'
  done
  # best and median wall time of each; CPU of the best run
  set -- $(stats "$all_o") $(stats "$all_q") $(stats "$all_d")
  printf '%-30s %7s %7s %7s %6.2f %6.2f %6.2f   cpu %5s %5s\n' "$name" "$1" "$4" "$7" \
    "$(echo "$1 / $4" | bc -l)" "$(echo "$1 / $7" | bc -l)" "$(echo "($1 - $startup) / $7" | bc -l)" \
    "$3" "$6"
  printf '%-30s %7s %7s %7s %6.2f %6.2f\n' "  median" "$2" "$5" "$8" \
    "$(echo "$2 / $5" | bc -l)" "$(echo "$2 / $8" | bc -l)"
  # the writer warm, as in a hub that has run backups: REPEAT rounds in one JVM after a first one
  local qd_best="$7" warm
  warm=$(java -XX:+UseSerialGC -cp "$work/sendense-image.jar" "$root/bench/WarmConvert.java" \
    $((repeat + 1)) out.qcow2 "${ours[@]}" | sort -n) || exit 1
  printf '%-30s %7s %7s %7s %6s %6.2f   (best, median of %s rounds in one JVM / qemu+fs best)\n' \
    "  warm, in one JVM" "$(echo "$warm" | head -1)" "" "" "" \
    "$(echo "$(echo "$warm" | head -1) / $qd_best" | bc -l)" "$repeat"
  printf '%-30s %7s\n' "  warm median" "$(echo "$warm" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')"
  if $profile; then
    rm -f out.qcow2 profile.jfr
    JAVA_OPTS="-XX:StartFlightRecording=filename=profile.jfr,settings=profile" \
      "$tool" "${ours[@]}" >/dev/null 2>&1
    python3 "$root/bench/jfr-top.py" profile.jfr 10
  fi
}

# "best median cpu-of-best" of lines "wall cpu".
stats() {
  printf '%s' "$1" | sort -n | awk '{w[NR]=$1; c[NR]=$2} END {
    m = (NR % 2) ? w[(NR+1)/2] : (w[NR/2] + w[NR/2+1]) / 2; printf "%s %.3f %s\n", w[1], m, c[1] }'
}

make_inputs
# What every run of ours pays and qemu-img does not: the JVM's start and exit, timed as the best
# of REPEAT runs of `info` on a tiny image (the same jar, the same JVM options).
qemu-img create -q -f qcow2 tiny.qcow2 1M
startup=9
for _ in $(seq "$repeat"); do
  r=$(time_run "$tool" info tiny.qcow2) || exit 1
  startup=$(echo "$r" | awk -v b="$startup" '{print ($1 < b) ? $1 : b}')
done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(qemu-img --version | head -1)"
echo "JVM start and exit of ours (info of a 1 MiB image, best of $repeat): $startup s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (best and median wall time of $repeat alternating runs)"
printf '%-30s %7s %7s %7s %6s %6s %6s   %s\n' "case (${size_mib} MiB)" "ours" "qemu" "qemu+fs" \
  "ratio" "ratio2" "ratio3" "cpu ours qemu (s)"
run_case "(a) random" random.raw
run_case "(b) 90% zeros" zeros90.raw
run_case "(c) incremental, 2% changed" changed2.raw parent.qcow2
rm -f out.qcow2 profile.jfr time.txt tiny.qcow2
echo "ratio = ours / qemu-img convert; ratio2 = ours / (qemu-img convert + fsync of the output);"
echo "ratio3 = (ours - JVM start and exit) / (qemu-img convert + fsync): the writer as the hub runs it, in a JVM already up"
echo "warm = our convert run again in one JVM (bench/WarmConvert.java), its JIT done: the writer as a hub that has run backups runs it"
