#!/usr/bin/env bash
# Installs Sendense as a systemd service on this machine (Debian 12 or similar), as root:
#   sudo deploy/install-service.sh            build if needed, install, enable and start
#   sudo deploy/install-service.sh --no-start install and enable only
# Creates the system user `sendense`, puts the launcher and the hub under /opt/sendense, the data
# under /var/lib/sendense (owner-only), the configuration in /etc/sendense/sendense.properties
# (from deploy/sendense.properties.sample if there is none) and the unit sendense-hub.service.
# Running it again upgrades the program files and keeps data and configuration.
# Other places: PREFIX, DATA_DIR, CONFIG_DIR, UNIT_DIR, SERVICE_USER in the environment.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=${PREFIX:-/opt/sendense}
DATA_DIR=${DATA_DIR:-/var/lib/sendense}
CONFIG_DIR=${CONFIG_DIR:-/etc/sendense}
UNIT_DIR=${UNIT_DIR:-/etc/systemd/system}
SERVICE_USER=${SERVICE_USER:-sendense}
start=true
build=true
for arg in "$@"; do
  case $arg in
    --no-start) start=false ;;
    --no-build) build=false ;;
    *) echo "install-service.sh: unknown option $arg (use --no-start, --no-build)" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "install-service.sh: run it as root (sudo)" >&2; exit 1; }
command -v java >/dev/null || { echo "install-service.sh: Java 17 is required" >&2; exit 1; }

jar=$ROOT/deploy/target/sendense-launcher.jar
if $build && [[ ! -f $jar ]]; then
  echo "install-service: building Sendense"
  (cd "$ROOT" && mvn -B -q install -DskipTests)
fi
[[ -f $jar && -d $ROOT/deploy/target/sendense ]] || {
  echo "install-service.sh: $jar is missing; build with: mvn -B install -DskipTests" >&2
  exit 1
}

if ! id "$SERVICE_USER" >/dev/null 2>&1; then
  useradd --system --home-dir "$DATA_DIR" --shell /usr/sbin/nologin "$SERVICE_USER"
fi
group=$(id -gn "$SERVICE_USER")

install -d -m 755 "$PREFIX"
rm -rf "$PREFIX/sendense.new"
cp -r "$ROOT/deploy/target/sendense" "$PREFIX/sendense.new"
rm -rf "$PREFIX/sendense"
mv "$PREFIX/sendense.new" "$PREFIX/sendense"
install -m 644 "$jar" "$PREFIX/sendense-launcher.jar"
rm -rf "$PREFIX/docs"
cp -r "$ROOT/docs" "$PREFIX/docs"

install -d -m 700 -o "$SERVICE_USER" -g "$group" "$DATA_DIR"
install -d -m 750 -o root -g "$group" "$CONFIG_DIR"
if [[ ! -f $CONFIG_DIR/sendense.properties ]]; then
  install -m 640 -o root -g "$group" "$ROOT/deploy/sendense.properties.sample" \
    "$CONFIG_DIR/sendense.properties"
fi

install -d -m 755 "$UNIT_DIR"
sed -e "s|/opt/sendense|$PREFIX|g" -e "s|/var/lib/sendense|$DATA_DIR|g" \
  -e "s|/etc/sendense|$CONFIG_DIR|g" -e "s|^User=sendense|User=$SERVICE_USER|" \
  -e "s|^Group=sendense|Group=$group|" \
  "$ROOT/deploy/systemd/sendense-hub.service" > "$UNIT_DIR/sendense-hub.service"
chmod 644 "$UNIT_DIR/sendense-hub.service"
echo "install-service: installed $UNIT_DIR/sendense-hub.service (program $PREFIX, data $DATA_DIR)"

if [[ -d /run/systemd/system ]] && [[ $UNIT_DIR == /etc/systemd/system ]]; then
  systemctl daemon-reload
  systemctl enable sendense-hub.service
  if $start; then
    systemctl restart sendense-hub.service
    echo "install-service: started; follow it with: journalctl -u sendense-hub -f"
    echo "install-service: the first admin password is in $DATA_DIR/secrets/initial-admin-password"
  fi
else
  echo "install-service: systemd is not running here; start it later with:"
  echo "  systemctl daemon-reload && systemctl enable --now sendense-hub"
fi
