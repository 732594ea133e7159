#!/usr/bin/env bash
# The cost of encryption at rest (QCOW2 LUKS), measured in one run on the same input: times
# `sendense-image convert` of a raw random input without and with `--passphrase-file`, and
# `qemu-img convert -O qcow2` without and with `-o encrypt.format=luks` (followed by an fsync of its
# output, since ours is durable when it returns and qemu-img's is not); then the read side:
# `sendense-image export` of the plain and of the encrypted image to /dev/null-like sparse output.
# Prints best and median wall times of REPEAT alternating runs and the ratios.
#
#   bench/bench-encrypt.sh
#   BENCH_DIR   work folder (default /tmp/sendense-bench-enc; needs ~4x SIZE_MIB free)
#   SIZE_MIB    input size (default 1024)
#   REPEAT      runs per tool and case (default 3)
#   IMAGE_JAR   the sendense-image.jar to time (default: disk-image/target, built if missing)
#
# qemu's LUKS key slot uses encrypt.iter-time=100 (PBKDF2 for 0.1 s) so that its fixed cost is
# near ours (100,000 iterations); qemu's default of 2 s would only add a constant to its time.
# Not part of `mvn verify`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/sendense-bench-enc}"
size_mib="${SIZE_MIB:-1024}"
repeat="${REPEAT:-3}"
tool="$root/deploy/bin/sendense-image"
jar="${IMAGE_JAR:-$root/disk-image/target/sendense-image.jar}"

command -v qemu-img >/dev/null || { echo "qemu-img missing: run deploy/test-support/install-disk-image.sh" >&2; exit 1; }
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl disk-image -am package -DskipTests)
fi
mkdir -p "$work"
cd "$work"
cp "$jar" "$work/sendense-image.jar"
export SENDENSE_IMAGE_JAR="$work/sendense-image.jar"
printf 'bench passphrase' >pass

if [ ! -f random.raw ] || [ "$(stat -c %s random.raw)" -ne $((size_mib << 20)) ]; then
  echo "generating ${size_mib} MiB of random input in $work ..."
  (set +o pipefail
   openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f -iv 0 </dev/zero \
     2>/dev/null | head -c $((size_mib << 20)) >random.raw)
fi

# Runs one command on a fresh output; prints "wall cpu" seconds (cpu = user + sys).
time_run() {
  rm -f out.qcow2 out.qcow2.partial out.raw
  sync
  /usr/bin/time -f "%e %U %S" -o time.txt "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' time.txt
}

qemu_durable() {
  qemu-img "$@" && sync out.qcow2
}

# "best median cpu-of-best" of lines "wall cpu".
stats() {
  printf '%s' "$1" | sort -n | awk '{w[NR]=$1; c[NR]=$2} END {
    m = (NR % 2) ? w[(NR+1)/2] : (w[NR/2] + w[NR/2+1]) / 2; printf "%s %.3f %s\n", w[1], m, c[1] }'
}

plain=(convert random.raw out.qcow2)
enc=(convert random.raw out.qcow2 --passphrase-file pass)
qplain=(convert -f raw -O qcow2 random.raw out.qcow2)
qenc=(convert --object secret,id=s,file=pass -f raw -O qcow2
      -o encrypt.format=luks,encrypt.key-secret=s,encrypt.iter-time=100 random.raw out.qcow2)
declare -A all
for _ in $(seq "$repeat"); do
  all[op]+="$(time_run "$tool" "${plain[@]}")"$'\n'
  all[oe]+="$(time_run "$tool" "${enc[@]}")"$'\n'
  all[qp]+="$(time_run bash -c "$(declare -f qemu_durable); qemu_durable \"\$@\"" _ "${qplain[@]}")"$'\n'
  all[qe]+="$(time_run bash -c "$(declare -f qemu_durable); qemu_durable \"\$@\"" _ "${qenc[@]}")"$'\n'
done
rm -f out.qcow2 plain.qcow2 enc.qcow2
"$tool" "${plain[@]}" >/dev/null
mv out.qcow2 plain.qcow2
"$tool" "${enc[@]}" >/dev/null
mv out.qcow2 enc.qcow2
for _ in $(seq "$repeat"); do
  all[rp]+="$(time_run "$tool" export plain.qcow2 out.raw)"$'\n'
  all[re]+="$(time_run "$tool" export enc.qcow2 out.raw --passphrase-file pass)"$'\n'
done

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(qemu-img --version | head -1)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (best / median wall s, cpu s of the best, $repeat alternating runs)"
row() {
  local label="$1" key="$2"
  set -- $(stats "${all[$key]}")
  printf '%-44s %7s %7s   cpu %6s   %7.1f MiB/s\n' "$label" "$1" "$2" "$3" "$(echo "$size_mib / $1" | bc -l)"
  eval "best_$key=$1"
}
row "ours convert, plain" op
row "ours convert, encrypted (LUKS)" oe
row "qemu-img convert + fsync, plain" qp
row "qemu-img convert + fsync, encrypted (LUKS)" qe
row "ours export, plain" rp
row "ours export, encrypted" re
printf 'encryption cost, writing: ours enc/plain %.2f   qemu enc/plain %.2f\n' \
  "$(echo "$best_oe / $best_op" | bc -l)" "$(echo "$best_qe / $best_qp" | bc -l)"
printf 'ours encrypted / qemu-img encrypted (+fsync): %.2f\n' "$(echo "$best_oe / $best_qe" | bc -l)"
printf 'encryption cost, reading (export): enc/plain %.2f\n' "$(echo "$best_re / $best_rp" | bc -l)"
rm -f out.qcow2 out.raw time.txt plain.qcow2 enc.qcow2
