#!/usr/bin/env bash
# Times file-level restore on a realistic image: an 8 GiB sparse disk with a GPT and one big ext4
# partition holding a 1 GiB random file and a few thousand small files in its root, converted to
# QCOW2. In one JVM it prints open + list of the root (cold, then warm) and the streaming rate of
# the 1 GiB file; then it times `qemu-img convert` reading the same byte region of the same image
# (into qemu's null driver, so neither side writes anything) and prints ours / qemu-img.
#
#   bench/bench-restore.sh
#   BENCH_DIR   work folder (default /tmp/sendense-bench-restore; needs ~3 GiB free)
#   FILES       small files in the root (default 3000)
#   REPEAT      qemu-img runs (default 3, best kept)
#
# Not part of `mvn verify`. The image is generated once and kept in BENCH_DIR for later runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/sendense-bench-restore}"
files="${FILES:-3000}"
repeat="${REPEAT:-3}"
disk_mib=8192
part_start_mib=1

for tool in qemu-img mkfs.ext4 debugfs sfdisk openssl; do
  command -v "$tool" >/dev/null || {
    echo "$tool missing: run deploy/test-support/install-guest-fs.sh and install-disk-image.sh" >&2
    exit 1
  }
done
(cd "$root" && mvn -B -q -o -pl disk-image test-compile)
mkdir -p "$work"
cd "$work"
# A private copy of the classes, so that a rebuild during the run cannot swap them under the JVM.
rm -rf classes && mkdir classes
cp -r "$root/disk-image/target/classes/." "$root/disk-image/target/test-classes/." classes/
zstd_jar=$(find ~/.m2/repository/com/github/luben/zstd-jni -name 'zstd-jni-*.jar' | sort | tail -1)

make_image() {
  if [ -f disk.qcow2 ]; then
    return
  fi
  echo "generating the image in $work ..."
  rm -rf content fs.img disk.raw
  mkdir content
  # head closes the pipe when it has enough, so openssl ends with SIGPIPE: not an error here.
  (set +o pipefail
   openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f -iv 0 </dev/zero \
     2>/dev/null | head -c $((1 << 30)) >content/big.bin)
  for i in $(seq -w 1 "$files"); do
    echo "small file $i" >"content/file-$i.txt"
  done
  local part_mib=$((disk_mib - part_start_mib - 1))
  mkfs.ext4 -q -F -L bench -d content fs.img "${part_mib}M"
  truncate -s "${disk_mib}M" disk.raw
  printf 'label: gpt\nstart=%d, size=%d, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="data"\n' \
    $((part_start_mib * 2048)) $((part_mib * 2048)) | sfdisk --no-reread --no-tell-kernel -q disk.raw
  dd if=fs.img of=disk.raw bs=1M seek="$part_start_mib" conv=notrunc,sparse status=none
  qemu-img convert -f raw -O qcow2 disk.raw disk.qcow2
  # Where big.bin lies on the disk: from its first to its last extent (block size 4 KiB).
  debugfs -R "blocks big.bin" fs.img 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+$' | sort -n \
    | sed -n '1p;$p' | tr '\n' ' ' >region.txt
  rm -rf content fs.img disk.raw
}

make_image
read -r first_block last_block _ <region.txt || true
offset=$(( (part_start_mib << 20) + first_block * 4096 ))
length=$(( (last_block - first_block + 1) * 4096 ))
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(qemu-img --version | head -1)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "image: ${disk_mib} MiB disk, GPT, ext4, $files files + big.bin (1 GiB) at disk offset $offset"

ours=$(java -cp "classes:$zstd_jar" io.sendense.image.guest.RestoreBench disk.qcow2 big.bin 5 \
  | tee /dev/stderr | sed -n 's/^ours_mib_s=//p')

src="json:{\"driver\":\"raw\",\"offset\":$offset,\"size\":$length,\"file\":{\"driver\":\"qcow2\",\"file\":{\"driver\":\"file\",\"filename\":\"$work/disk.qcow2\"}}}"
best=""
for _ in $(seq "$repeat"); do
  start=$(date +%s.%N)
  qemu-img convert -n --target-image-opts "$src" "driver=null-co,size=$length"
  end=$(date +%s.%N)
  rate=$(echo "$length / 1048576 / ($end - $start)" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$rate > $best" | bc -l)" -eq 1 ]; then
    best=$rate
  fi
done
printf 'qemu-img convert of the same %d MiB region: %.0f MiB/s (best of %d)\n' \
  $((length >> 20)) "$best" "$repeat"
printf 'ratio ours / qemu-img: %.2f (target >= 0.8)\n' "$(echo "$ours / $best" | bc -l)"
