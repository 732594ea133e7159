#!/usr/bin/env bash
# Installs what the VMware plugin's integration tests need to build govmomi's vCenter simulator
# (vcsim) offline: Debian's Go toolchain and govmomi's source. Idempotent: installs only what
# is missing.
set -euo pipefail

packages=(golang-go golang-github-vmware-govmomi-dev)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg -s "$p" >/dev/null 2>&1; then
    missing+=("$p")
  fi
done
if ! command -v go >/dev/null 2>&1 && [[ ! " ${missing[*]} " =~ " golang-go " ]]; then
  missing+=(golang-go)
fi

if ((${#missing[@]} > 0)); then
  echo "install-vmware: installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
else
  echo "install-vmware: golang-go and golang-github-vmware-govmomi-dev already installed"
fi
