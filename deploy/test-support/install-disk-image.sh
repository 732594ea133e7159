#!/usr/bin/env bash
# Installs what the disk-image tests and benchmark need: qemu-img (Debian qemu-utils), the
# reference oracle for QCOW2 images. Idempotent: does nothing when it is already there.
set -euo pipefail

missing=()
command -v qemu-img >/dev/null 2>&1 || missing+=(qemu-utils)

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}"
command -v qemu-img >/dev/null
