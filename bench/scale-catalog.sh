#!/usr/bin/env bash
# Loads a large catalog into a hub's database with set-based SQL in a few seconds
# (bench/scale-catalog.sql says what it loads): VMS virtual machines of a new source (1-3 disks
# each), POINTS complete restore points over 90 days with their disk rows and one backup job each,
# VM_GROUPS protection groups and FLOWS protection flows with a run a day over 90 days. The hub may
# be running; the rows are plain catalog rows. The system tests load the same file (ScaleCatalog).
#
#   bench/scale-catalog.sh MARIADB_CLIENT HOST PORT USER PASSWORD SCHEMA
#   VMS        virtual machines (default 2000)
#   POINTS     restore points (default 50000)
#   VM_GROUPS  protection groups (default 20; not GROUPS, which bash sets)
#   FLOWS      protection flows (default 100)
set -euo pipefail
client="$1" host="$2" port="$3" user="$4" password="$5" schema="$6"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

{
  echo "SET @vms = ${VMS:-2000}, @points = ${POINTS:-50000}, @groups = ${VM_GROUPS:-20},"
  echo "    @flows = ${FLOWS:-100};"
  cat "$here/scale-catalog.sql"
  cat <<'SQL'
SELECT (SELECT COUNT(*) FROM vm_contexts) AS vms, (SELECT COUNT(*) FROM backups) AS points,
       (SELECT COUNT(*) FROM backup_disks) AS disk_images,
       (SELECT COUNT(*) FROM backup_jobs) AS jobs,
       (SELECT COUNT(*) FROM protection_groups) AS `groups`,
       (SELECT COUNT(*) FROM group_memberships) AS memberships,
       (SELECT COUNT(*) FROM protection_flows) AS flows,
       (SELECT COUNT(*) FROM flow_executions) AS executions;
SQL
} | MYSQL_PWD="$password" "$client" -h "$host" -P "$port" -u "$user" "$schema"
