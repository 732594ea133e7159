#!/usr/bin/env bash
# Runs a Sendense node (the data mover) on this machine:
#   deploy/run-node.sh --hub https://HUB:8444 --token TOKEN      (first start: pairs with the hub)
#   deploy/run-node.sh                                          (later starts: reuses node-data/)
# Options (or environment): --hub (SENDENSE_NODE_HUB), --token (SENDENSE_NODE_TOKEN), --data
# (SENDENSE_NODE_DATA, default ./node-data), --plugins (SENDENSE_NODE_PLUGINS, default
# <data>/plugins, filled with the built-in plugins when empty), --name (SENDENSE_NODE_NAME).
# The token comes from the hub's Nodes page (Pair) or POST /api/v1/nodes/pairing-tokens.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

command -v java >/dev/null || { echo "run-node.sh: Java 17 is required" >&2; exit 1; }
NODE_JAR=$ROOT/node-service/target/sendense-node.jar
BUILT_IN=$ROOT/deploy/target/sendense/plugins
if [[ ! -f $NODE_JAR || ! -d $BUILT_IN ]]; then
  command -v mvn >/dev/null || { echo "run-node.sh: Maven is required to build the node" >&2; exit 1; }
  echo "Sendense node: building..."
  (cd "$ROOT" && mvn -B -q install -DskipTests)
fi

DATA=${SENDENSE_NODE_DATA:-node-data}
PLUGINS=${SENDENSE_NODE_PLUGINS:-}
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case ${args[i]} in
    --data) DATA=${args[i + 1]:-$DATA} ;;
    --plugins) PLUGINS=${args[i + 1]:-} ;;
  esac
done
PLUGINS=${PLUGINS:-$DATA/plugins}
mkdir -p "$PLUGINS"
if ! compgen -G "$PLUGINS/*.jar" >/dev/null; then
  cp "$BUILT_IN"/*.jar "$PLUGINS"/
fi

# The VMware plugin's SOAP client needs java.lang opened (as in the hub).
exec java -Xmx512m --add-opens=java.base/java.lang=ALL-UNNAMED \
  -jar "$NODE_JAR" --data "$DATA" --plugins "$PLUGINS" "$@"
