#!/usr/bin/env bash
# Builds what is missing and runs Sendense on its embedded defaults: embedded MariaDB, a local
# repository and the built-in plugins, with the admin console on http://127.0.0.1:8080/.
# Configuration: ./sendense.properties (see deploy/sendense.properties.sample) or SENDENSE_*
# environment variables. Ctrl-C stops the hub and the database cleanly.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

command -v java >/dev/null || { echo "run.sh: Java 17 is required (apt-get install openjdk-17-jdk)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "run.sh: Maven is required (apt-get install maven)" >&2; exit 1; }

LAUNCHER=deploy/target/sendense-launcher.jar
stale() {
  [[ ! -f $LAUNCHER ]] && return 0
  [[ -n $(find . -path '*/target' -prune -o -path ./data -prune -o -path ./.git -prune -o \
    -type f -newer "$LAUNCHER" \( -name '*.java' -o -name '*.xhtml' -o -name '*.xml' \
    -o -name '*.css' -o -name '*.sql' -o -name '*.properties' \) -print -quit) ]]
}
if stale; then
  echo "Sendense: building (first run or sources changed)..."
  mvn -B -q install -DskipTests
fi
exec java -Xmx256m -jar "$LAUNCHER" "$@"
