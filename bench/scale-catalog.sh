#!/usr/bin/env bash
# Loads a large catalog into a hub's database with set-based SQL (a few seconds): VMS virtual
# machines of one source (1-3 disks each), POINTS complete restore points spread over 90 days
# (every VM has some; with a skew, so "newest N points" covers only part of the VMs), their disk
# rows, and one backup job per point. The hub may be running; the rows are plain catalog rows.
#
#   bench/scale-catalog.sh MARIADB_CLIENT HOST PORT USER PASSWORD SCHEMA
#   VMS     virtual machines (default 2000)
#   POINTS  restore points (default 50000)
set -euo pipefail
client="$1" host="$2" port="$3" user="$4" password="$5" schema="$6"
vms="${VMS:-2000}"
points="${POINTS:-50000}"
per_vm=$(( (points + vms - 1) / vms ))

MYSQL_PWD="$password" "$client" -h "$host" -P "$port" -u "$user" "$schema" <<SQL
SET @repo = (SELECT id FROM repositories ORDER BY id LIMIT 1);
INSERT INTO sources (name, plugin_id, host, port, username, tls_mode)
  VALUES ('scale-vcenter', 'vmware', 'scale.vcenter.invalid', 443, 'scale', 'PINNED');
SET @src = LAST_INSERT_ID();
INSERT INTO vm_contexts (source_id, moref, instance_uuid, name, power_state, guest_os, cpus,
                         memory_mb, folder_path, datacenter, cbt_enabled, last_seen_at)
  SELECT @src, CONCAT('vm-', seq), UUID(), CONCAT('scale-vm-', LPAD(seq, 5, '0')), 'POWERED_ON',
         'Debian GNU/Linux 12', 2, 4096, '/DC0/vm', 'DC0', TRUE, NOW(3)
  FROM seq_1_to_${vms};
INSERT INTO vm_disks (vm_context_id, device_key, label, capacity_bytes, datastore, backing_file,
                      thin, cbt_enabled)
  SELECT v.id, 2000 + d.seq, CONCAT('Hard disk ', d.seq), 17179869184, 'ds0',
         CONCAT('[ds0] ', v.name, '/disk', d.seq, '.vmdk'), TRUE, TRUE
  FROM vm_contexts v JOIN seq_1_to_3 d ON d.seq <= 1 + v.id % 3
  WHERE v.source_id = @src;
-- Skewed: VM k gets points k/vms of the way through the range more often, so the newest points
-- belong to a subset of the VMs (as in a real estate where some VMs run hourly).
INSERT INTO backups (vm_context_id, repository_id, backup_type, status, started_at, completed_at,
                     bytes_read, bytes_written, duration_ms, avg_rate_bps)
  SELECT v.id, @repo, IF(n.seq = 1, 'FULL', 'INCREMENTAL'), 'COMPLETE',
         NOW(3) - INTERVAL (n.seq * 3600 * 24 * 90 DIV ${per_vm} + (v.id * 7919) % 86400
                            + IF(v.id % 3 = 0, 3600 * 24 * 30, 0)) SECOND,
         NOW(3) - INTERVAL (n.seq * 3600 * 24 * 90 DIV ${per_vm} + (v.id * 7919) % 86400
                            + IF(v.id % 3 = 0, 3600 * 24 * 30, 0) - 600) SECOND,
         1073741824, 268435456, 600000, 1789569
  FROM vm_contexts v JOIN seq_1_to_${per_vm} n
  WHERE v.source_id = @src
  ORDER BY v.id, n.seq
  LIMIT ${points};
INSERT INTO backup_disks (backup_id, vm_disk_id, disk_index, label, file_name, capacity_bytes,
                          bytes_read, bytes_written, file_size_bytes, status, started_at,
                          completed_at)
  SELECT b.id, d.id, d.device_key - 2001, d.label,
         CONCAT('scale/', b.vm_context_id, '/', b.id, '-', d.device_key, '.qcow2'),
         d.capacity_bytes, 357913941, 89478485, 89478485, 'COMPLETE', b.started_at, b.completed_at
  FROM backups b JOIN vm_disks d ON d.vm_context_id = b.vm_context_id
  JOIN vm_contexts v ON v.id = b.vm_context_id
  WHERE v.source_id = @src;
INSERT INTO backup_jobs (vm_context_id, repository_id, backup_id, requested_type, requested_by,
                         status, phase, executions, queued_at, started_at, ended_at, bytes_done,
                         bytes_total)
  SELECT b.vm_context_id, b.repository_id, b.id, 'auto', 'scheduler', 'COMPLETED', 'DONE', 1,
         b.started_at, b.started_at, b.completed_at, 1073741824, 1073741824
  FROM backups b JOIN vm_contexts v ON v.id = b.vm_context_id
  WHERE v.source_id = @src;
SELECT (SELECT COUNT(*) FROM vm_contexts) AS vms, (SELECT COUNT(*) FROM backups) AS points,
       (SELECT COUNT(*) FROM backup_disks) AS disk_images;
SQL
