#!/usr/bin/env bash
# Prepares a WildFly installation (Jakarta EE 10, tested with 33.0.1.Final on Java 17) to run
# sendense.war, the same WAR the launcher runs on Payara Micro. See docs/deployment.md.
#
#   deploy/wildfly/configure.sh WILDFLY_HOME
#
# Environment (all required unless a default is given):
#   SENDENSE_DB_URL, SENDENSE_DB_USER, SENDENSE_DB_PASSWORD   the catalog schema (jdbc:mariadb://...)
#   SENDENSE_BATCH_DB_URL    the batch job repository's schema (default: the catalog's URL)
#   SENDENSE_DATA_DIR        the hub's data folder (plugins, secrets and the local repository in it)
#   MARIADB_JDBC_JAR         MariaDB Connector/J jar
#   ECLIPSELINK_JAR          org.eclipse.persistence:eclipselink 4.0.x jar (the WAR's JPA provider)
#   SENDENSE_HTTP_ADDRESS    address to listen on (default 127.0.0.1)
#
# It works offline on the server's configuration (an embedded server), so WildFly must not be
# running. Run it again after changing a value: every step replaces what an earlier run set.
set -euo pipefail

die() { echo "configure.sh: $*" >&2; exit 1; }
[[ $# -eq 1 ]] || die "usage: configure.sh WILDFLY_HOME"
WILDFLY_HOME=$(cd "$1" && pwd)
[[ -x $WILDFLY_HOME/bin/jboss-cli.sh ]] || die "$WILDFLY_HOME is not a WildFly installation (no bin/jboss-cli.sh)"
for var in SENDENSE_DB_URL SENDENSE_DB_USER SENDENSE_DB_PASSWORD SENDENSE_DATA_DIR MARIADB_JDBC_JAR ECLIPSELINK_JAR; do
  [[ -n ${!var:-} ]] || die "$var is not set"
done
[[ -f $MARIADB_JDBC_JAR ]] || die "MARIADB_JDBC_JAR: no such file: $MARIADB_JDBC_JAR"
[[ -f $ECLIPSELINK_JAR ]] || die "ECLIPSELINK_JAR: no such file: $ECLIPSELINK_JAR"
[[ $SENDENSE_DB_URL == jdbc:mariadb://* ]] || die "SENDENSE_DB_URL must be jdbc:mariadb://host:port/schema"
BATCH_URL=${SENDENSE_BATCH_DB_URL:-$SENDENSE_DB_URL}
ADDRESS=${SENDENSE_HTTP_ADDRESS:-127.0.0.1}
DATA=$(mkdir -p "$SENDENSE_DATA_DIR" && cd "$SENDENSE_DATA_DIR" && pwd)
mkdir -p "$DATA/plugins" "$DATA/secrets" "$DATA/repository"
chmod 700 "$DATA/secrets"

# JPA: WildFly ships EclipseLink's integration module without EclipseLink itself; the WAR names
# EclipseLink as its provider (Payara's own), so the jar goes into that module (WildFly's JPA guide).
MODULE=$WILDFLY_HOME/modules/system/layers/base/org/eclipse/persistence/main
rm -f "$MODULE"/eclipselink-*.jar
cp "$ECLIPSELINK_JAR" "$MODULE/"
JAR=$(basename "$ECLIPSELINK_JAR")
sed -i '/<resource-root path="eclipselink-/d' "$MODULE/module.xml"
sed -i "s#<resources>#<resources>\n        <resource-root path=\"$JAR\"/>#" "$MODULE/module.xml"
# EclipseLink itself needs JDK modules the integration jar alone does not.
for dep in java.rmi java.sql java.xml java.desktop jdk.unsupported; do
  grep -q "<module name=\"$dep\"/>" "$MODULE/module.xml" ||
    sed -i "s#<dependencies>#<dependencies>\n        <module name=\"$dep\"/>#" "$MODULE/module.xml"
done

# The MariaDB driver as a module of its own.
DRIVER=$WILDFLY_HOME/modules/org/mariadb/jdbc/main
rm -rf "$DRIVER" && mkdir -p "$DRIVER"
cp "$MARIADB_JDBC_JAR" "$DRIVER/mariadb-java-client.jar"
cat > "$DRIVER/module.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<module name="org.mariadb.jdbc" xmlns="urn:jboss:module:1.9">
  <resources><resource-root path="mariadb-java-client.jar"/></resources>
  <dependencies>
    <module name="java.sql"/>
    <module name="java.naming"/>
    <module name="java.management"/>
    <module name="jakarta.transaction.api"/>
  </dependencies>
</module>
XML

# The database password lives in an Elytron credential store (PKCS#12, owner-only) in the data
# folder's secrets, not in standalone.xml: the data sources name the store and an alias. The
# store's own password is a random one in an owner-only file beside it, which WildFly reads with
# {CMD} when it opens the store; neither password appears in the server's configuration.
STORE=$DATA/secrets/wildfly-credentials.p12
STORE_PASSWORD=$DATA/secrets/wildfly-credentials.password
if [[ ! -s $STORE_PASSWORD ]]; then
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n/+=' > "$STORE_PASSWORD")
fi
chmod 600 "$STORE_PASSWORD"
rm -f "$STORE"

# The commands hold database passwords: an owner-only file, removed on exit.
CLI=$(mktemp)
chmod 600 "$CLI"
trap 'rm -f "$CLI"' EXIT
cli_quote() { printf '"%s"' "${1//\"/\\\"}"; }
{
  echo "embed-server --server-config=standalone.xml --std-out=discard"
  # Remove what an earlier run added, so the script can run again.
  for resource in \
    /subsystem=batch-jberet/jdbc-job-repository=sendense \
    /subsystem=datasources/data-source=SendenseDS \
    /subsystem=datasources/data-source=SendenseBatchDS \
    /subsystem=datasources/jdbc-driver=mariadb \
    /subsystem=elytron/credential-store=sendense \
    /subsystem=microprofile-health-smallrye \
    /extension=org.wildfly.extension.microprofile.health-smallrye \
    /subsystem=microprofile-openapi-smallrye \
    /extension=org.wildfly.extension.microprofile.openapi-smallrye; do
    echo "if (outcome == success) of $resource:read-resource"
    if [[ $resource == /subsystem=batch-jberet/* ]]; then
      echo "  /subsystem=batch-jberet:write-attribute(name=default-job-repository,value=in-memory)"
    fi
    echo "  $resource:remove"
    echo "end-if"
  done
  for prop in sendense.db.jndi-name sendense.data.dir sendense.plugins.dir sendense.secrets.dir sendense.repository.local.dir; do
    echo "if (outcome == success) of /system-property=$prop:read-resource"
    echo "  /system-property=$prop:remove"
    echo "end-if"
  done
  # A removed credential store keeps its name until the server reloads: add everything anew in a
  # second embedded start.
  echo "stop-embedded-server"
  echo "embed-server --server-config=standalone.xml --std-out=discard"
  # The WAR's health checks use MicroProfile Health's API. No MicroProfile OpenAPI subsystem: its
  # endpoint would answer /openapi without login in place of the WAR's own document.
  echo "/extension=org.wildfly.extension.microprofile.health-smallrye:add"
  echo "/subsystem=microprofile-health-smallrye:add(security-enabled=false)"
  echo "/subsystem=datasources/jdbc-driver=mariadb:add(driver-name=mariadb,driver-module-name=org.mariadb.jdbc,driver-class-name=org.mariadb.jdbc.Driver)"
  echo "/subsystem=elytron/credential-store=sendense:add(location=$(cli_quote "$STORE"),create=true,credential-reference={clear-text=$(cli_quote "{CMD}/bin/cat,$STORE_PASSWORD")})"
  echo "/subsystem=elytron/credential-store=sendense:add-alias(alias=catalog-db,secret-value=$(cli_quote "$SENDENSE_DB_PASSWORD"))"
  for ds in "SendenseDS java:/jdbc/sendense $SENDENSE_DB_URL" "SendenseBatchDS java:/jdbc/sendense-batch $BATCH_URL"; do
    read -r name jndi url <<<"$ds"
    # JBeret commits its own repository writes; a JTA batch data source would have to join the
    # catalog's transaction (both non-XA) when a page reads an execution, which WildFly refuses.
    jta=""
    if [[ $name == SendenseBatchDS ]]; then jta="jta=false,"; fi
    echo "/subsystem=datasources/data-source=$name:add(jndi-name=$jndi,driver-name=mariadb,connection-url=$(cli_quote "$url"),user-name=$(cli_quote "$SENDENSE_DB_USER"),credential-reference={store=sendense,alias=catalog-db},min-pool-size=2,max-pool-size=32,validate-on-match=true,${jta}check-valid-connection-sql=\"SELECT 1\")"
  done
  # Executions survive a restart: the job repository in MariaDB; partitioned steps need threads.
  echo "/subsystem=batch-jberet/jdbc-job-repository=sendense:add(data-source=SendenseBatchDS)"
  echo "/subsystem=batch-jberet:write-attribute(name=default-job-repository,value=sendense)"
  echo "/subsystem=batch-jberet/thread-pool=batch:write-attribute(name=max-threads,value=100)"
  # No transaction holds a connection for minutes (as on Payara: 300 s).
  echo "/subsystem=transactions:write-attribute(name=default-timeout,value=300)"
  # The WAR's own Jakarta Security mechanism decides the caller and its groups; groups are roles.
  echo "/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi,value=false)"
  echo "/interface=public:write-attribute(name=inet-address,value=$ADDRESS)"
  echo "/system-property=sendense.db.jndi-name:add(value=java:/jdbc/sendense)"
  echo "/system-property=sendense.data.dir:add(value=$(cli_quote "$DATA"))"
  echo "/system-property=sendense.plugins.dir:add(value=$(cli_quote "$DATA/plugins"))"
  echo "/system-property=sendense.secrets.dir:add(value=$(cli_quote "$DATA/secrets"))"
  echo "/system-property=sendense.repository.local.dir:add(value=$(cli_quote "$DATA/repository"))"
  echo "stop-embedded-server"
} > "$CLI"
"$WILDFLY_HOME/bin/jboss-cli.sh" --file="$CLI" >/dev/null
chmod 600 "$STORE"
echo "configure.sh: $WILDFLY_HOME is ready for sendense.war (data in $DATA)"
