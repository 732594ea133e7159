#!/usr/bin/env bash
# Installs what the file-level restore tests and benchmark need to BUILD guest disk images without
# root or mounting: mkfs.ext2/3/4 with -d (e2fsprogs), mkfs.vfat (dosfstools), mcopy (mtools) and
# sfdisk (fdisk) for MBR and GPT layouts. Idempotent: does nothing when everything is there.
set -euo pipefail

missing=()
command -v mkfs.ext4 >/dev/null 2>&1 || missing+=(e2fsprogs)
command -v mkfs.vfat >/dev/null 2>&1 || missing+=(dosfstools)
command -v mcopy >/dev/null 2>&1 || missing+=(mtools)
command -v sfdisk >/dev/null 2>&1 || missing+=(fdisk)

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
# Other test set-ups may be installing at the same time: wait for the dpkg lock, do not fail.
$SUDO apt-get -o DPkg::Lock::Timeout=600 update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}"
for tool in mkfs.ext4 mkfs.vfat mcopy sfdisk; do
  command -v "$tool" >/dev/null
done
