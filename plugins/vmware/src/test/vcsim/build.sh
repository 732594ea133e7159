#!/usr/bin/env bash
# TEST TOOLING: builds the vcsim test simulator from this folder's Go sources offline (GOPATH mode,
# Debian's golang-go and golang-github-vmware-govmomi-dev, no module proxy) and prints the path of
# the binary. The binary is cached under ~/.cache/sendense/vcsim/<hash of sources and toolchain>.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
gopath=/usr/share/gocode
if ! command -v go >/dev/null 2>&1 || [[ ! -d "$gopath/src/github.com/vmware/govmomi/simulator" ]]; then
  echo "vcsim build: Go or govmomi sources missing; run deploy/test-support/install-vmware.sh" >&2
  exit 2
fi

cache="${SENDENSE_VCSIM_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/sendense/vcsim}"
key="$( (cat "$here"/*.go; go version; dpkg-query -W golang-github-vmware-govmomi-dev 2>/dev/null || true) \
  | sha256sum | cut -c1-16)"
binary="$cache/$key/vcsim"
mkdir -p "$cache/$key"

exec 9>"$cache/$key/.lock"
flock 9
if [[ ! -x "$binary" ]]; then
  (cd "$here" && GOPATH="$gopath" GO111MODULE=off GOPROXY=off GOFLAGS= GOCACHE="$cache/gocache" \
    go build -o "$binary.tmp" .)
  mv "$binary.tmp" "$binary"
fi
echo "$binary"
