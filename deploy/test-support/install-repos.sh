#!/usr/bin/env bash
# Installs the userspace peers that the repository plugin tests start themselves:
# Samba's smbd (repo-cifs) and nfs-ganesha with its VFS backend plus rpcbind (repo-nfs).
# Idempotent: installs only what is missing, and makes sure no system daemon is left running,
# because the tests run their own private instances (loopback port / private network namespace).
set -euo pipefail

packages=(samba nfs-ganesha nfs-ganesha-vfs rpcbind iproute2)
missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg -s "$pkg" >/dev/null 2>&1; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "install-repos: installing ${missing[*]}"
  # Keep package scripts from starting system services (smbd, nmbd, ganesha, rpcbind).
  policy=/usr/sbin/policy-rc.d
  created_policy=false
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    created_policy=true
  fi
  trap '[[ $created_policy == true ]] && rm -f "$policy"' EXIT
  # Other install-*.sh scripts may hold the dpkg lock: wait for it instead of failing.
  apt_opts=(-o DPkg::Lock::Timeout=900)
  apt-get "${apt_opts[@]}" update
  DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y --no-install-recommends \
    "${missing[@]}"
fi

# Without systemd, packages may still have spawned a daemon; the tests need none of them.
for daemon in smbd nmbd samba-bgqd ganesha.nfsd rpcbind; do
  for pid in $(pgrep -x "$daemon" || true); do
    # Only daemons started by the system (parent is init), never one a test launched.
    if [[ $(ps -o ppid= -p "$pid" | tr -d ' ') == 1 ]]; then
      kill "$pid" || true
    fi
  done
done

for tool in smbd smbpasswd ganesha.nfsd rpcbind ip unshare; do
  command -v "$tool" >/dev/null 2>&1 || [[ -x /usr/sbin/$tool || -x /usr/bin/$tool ]] || {
    echo "install-repos: $tool is still missing after install" >&2
    exit 1
  }
done
echo "install-repos: samba, nfs-ganesha (VFS), rpcbind and iproute2 are present"
