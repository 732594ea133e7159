#!/usr/bin/env bash
# Installs what the NTFS, XFS and LVM2 reader tests of disk-image need to build their test images:
# mkntfs and ntfscp (ntfs-3g), mkfs.xfs with protofiles (xfsprogs), lvm2 (pvcreate, vgcfgrestore),
# mkfs.ext4 (e2fsprogs); for NtfsMountedImageIT, which builds its image through an ntfs-3g FUSE
# mount (needs root and /dev/fuse), fusermount (fuse3) and setfattr (attr).
# Idempotent: does nothing when every command is already there.
set -euo pipefail

missing=()
command -v mkntfs >/dev/null 2>&1 || missing+=(ntfs-3g)
command -v ntfscp >/dev/null 2>&1 || missing+=(ntfs-3g)
command -v mkfs.xfs >/dev/null 2>&1 || missing+=(xfsprogs)
command -v pvcreate >/dev/null 2>&1 || missing+=(lvm2)
command -v mkfs.ext4 >/dev/null 2>&1 || missing+=(e2fsprogs)
command -v fusermount >/dev/null 2>&1 || missing+=(fuse3)
command -v setfattr >/dev/null 2>&1 || missing+=(attr)

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
  $(printf '%s\n' "${missing[@]}" | sort -u)
command -v mkntfs >/dev/null
command -v mkfs.xfs >/dev/null
command -v pvcreate >/dev/null
command -v setfattr >/dev/null
