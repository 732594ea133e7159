#!/usr/bin/env bash
# Installs what the hub's system tests need: Debian's Chromium and ChromeDriver (the browser
# test drives them through Selenium) and systemd's unit checker (the service install test). Idempotent: installs only what is missing.
set -euo pipefail

packages=(chromium chromium-driver systemd)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
  echo "install-hub: installing ${missing[*]}"
  apt_opts=(-o DPkg::Lock::Timeout=900)
  apt-get "${apt_opts[@]}" update
  DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y --no-install-recommends \
    "${missing[@]}"
fi
for tool in /usr/bin/chromium /usr/bin/chromedriver /usr/bin/systemd-analyze; do
  [[ -x $tool ]] || { echo "install-hub: $tool is missing after install" >&2; exit 1; }
done
