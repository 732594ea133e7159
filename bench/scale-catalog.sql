-- A large catalog loaded with set-based SQL (issue 22), for bench/scale-catalog.sh and the system
-- tests (ScaleCatalog): set @vms, @points, @groups and @flows first. Loads @vms VMs of a new
-- source (1-3 disks each), @points COMPLETE restore points spread over 90 days (every VM has
-- some, skewed so that the newest points belong to a part of the VMs), their disk rows and one
-- backup job per point, @groups protection groups (most VMs in one, every seventh in two, every
-- fifth in none), @flows protection flows (one per group, the others each on one VM in no group,
-- so at most @groups + @vms / 5) with one run a day over 90 days. Needs at least one
-- repository; works on a running hub.
-- Statements end with a semicolon at the end of a line (the test helper splits there).
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
SET @repo = (SELECT id FROM repositories ORDER BY id LIMIT 1);
SET @tag = CONCAT('scale-', FLOOR(UNIX_TIMESTAMP(NOW(6)) * 1000000) % 1000000000);
INSERT INTO sources (name, plugin_id, host, port, username, tls_mode)
  VALUES (@tag, 'vmware', CONCAT(@tag, '.vcenter.invalid'), 443, 'scale', 'PINNED');
SET @src = LAST_INSERT_ID();
INSERT INTO vm_contexts (source_id, moref, instance_uuid, name, power_state, guest_os, cpus,
                         memory_mb, folder_path, datacenter, cbt_enabled, last_seen_at)
  SELECT @src, CONCAT('vm-', seq), UUID(), CONCAT('scale-vm-', LPAD(seq, 5, '0')),
         IF(seq % 9 = 0, 'POWERED_OFF', 'POWERED_ON'),
         IF(seq % 4 = 0, 'Microsoft Windows Server 2022', 'Debian GNU/Linux 12'), 2, 4096,
         CONCAT('/DC0/vm/team-', seq % 12), 'DC0', TRUE, NOW(3)
  FROM seq_1_to_1000000 WHERE seq <= @vms;
SET @v0 = (SELECT MIN(id) FROM vm_contexts WHERE source_id = @src);
INSERT INTO vm_disks (vm_context_id, device_key, label, capacity_bytes, datastore, backing_file,
                      thin, cbt_enabled)
  SELECT v.id, 2000 + d.seq, CONCAT('Hard disk ', d.seq), 17179869184, 'ds0',
         CONCAT('[ds0] ', v.name, '/disk', d.seq, '.vmdk'), TRUE, TRUE
  FROM vm_contexts v JOIN seq_1_to_3 d ON d.seq <= 1 + v.id % 3
  WHERE v.source_id = @src;
-- Point n of VM k (rank r = k - first + 1) exists while (r - 1) * per VM + n <= @points.
SET @per_vm = CEIL(@points / @vms);
INSERT INTO backups (vm_context_id, repository_id, backup_type, status, started_at, completed_at,
                     bytes_read, bytes_written, duration_ms, avg_rate_bps)
  SELECT v.id, @repo, IF(n.seq = 1, 'FULL', 'INCREMENTAL'), 'COMPLETE',
         NOW(3) - INTERVAL ((@per_vm - n.seq + 1) * 3600 * 24 * 90 DIV @per_vm
                            + (v.id * 7919) % 86400
                            + IF(v.id % 3 = 0, 3600 * 24 * 30, 0)) SECOND,
         NOW(3) - INTERVAL ((@per_vm - n.seq + 1) * 3600 * 24 * 90 DIV @per_vm
                            + (v.id * 7919) % 86400
                            + IF(v.id % 3 = 0, 3600 * 24 * 30, 0) - 600) SECOND,
         1073741824, 268435456, 600000, 1789569
  FROM vm_contexts v JOIN seq_1_to_1000000 n ON n.seq <= @per_vm
  WHERE v.source_id = @src AND (v.id - @v0) * @per_vm + n.seq <= @points
  ORDER BY v.id, n.seq;
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
  SELECT b.vm_context_id, b.repository_id, b.id, 'auto', 'scheduler', 'COMPLETED', 'COMPLETE', 1,
         b.started_at, b.started_at, b.completed_at, 1073741824, 1073741824
  FROM backups b JOIN vm_contexts v ON v.id = b.vm_context_id
  WHERE v.source_id = @src;
INSERT INTO protection_groups (name, description, default_schedule, default_repository_id)
  SELECT CONCAT(@tag, '-group-', LPAD(seq, 3, '0')), 'Scale fixture group', '0 1 * * *', @repo
  FROM seq_1_to_100000 WHERE seq <= @groups;
SET @g0 = (SELECT MIN(id) FROM protection_groups WHERE name LIKE CONCAT(@tag, '-group-%'));
INSERT INTO group_memberships (group_id, vm_context_id)
  SELECT @g0 + (v.id DIV 5) % @groups, v.id FROM vm_contexts v
  WHERE v.source_id = @src AND v.id % 5 <> 0;
INSERT IGNORE INTO group_memberships (group_id, vm_context_id)
  SELECT @g0 + (v.id DIV 5 + 1) % @groups, v.id FROM vm_contexts v
  WHERE v.source_id = @src AND v.id % 5 <> 0 AND v.id % 7 = 0;
INSERT INTO protection_flows (name, target_group_id, repository_id, cron_schedule, enabled,
                              retention_count, last_run_at, next_run_at, last_status, runs_total,
                              runs_succeeded, runs_failed)
  SELECT CONCAT(@tag, '-flow-group-', LPAD(g.id - @g0 + 1, 3, '0')), g.id, @repo, '0 1 * * *',
         TRUE, 14, NOW(3) - INTERVAL 1 HOUR, NOW(3) + INTERVAL 23 HOUR, 'SUCCESS', 90, 88, 2
  FROM protection_groups g WHERE g.name LIKE CONCAT(@tag, '-group-%') AND g.id - @g0 < @flows;
SET @vm_flows = GREATEST(0, @flows - @groups);
INSERT INTO protection_flows (name, target_vm_id, repository_id, cron_schedule, enabled,
                              retention_count, last_run_at, next_run_at, last_status, runs_total,
                              runs_succeeded, runs_failed)
  SELECT CONCAT(@tag, '-flow-vm-', LPAD(v.id - @v0 + 1, 6, '0')), v.id, @repo, '30 2 * * *',
         v.id % 10 <> 5, 7, NOW(3) - INTERVAL 2 HOUR, NOW(3) + INTERVAL 22 HOUR, 'SUCCESS', 90,
         90, 0
  FROM vm_contexts v
  WHERE v.source_id = @src AND v.id % 5 = 0 AND (v.id - @v0) DIV 5 < @vm_flows;
INSERT INTO flow_executions (flow_id, trigger_kind, triggered_by, status, started_at,
                             completed_at, vms_total, vms_succeeded, vms_failed, message)
  SELECT f.id, 'SCHEDULE', 'scheduler', IF((f.id + d.seq) % 45 = 0, 'FAILED', 'SUCCESS'),
         NOW(3) - INTERVAL d.seq DAY, NOW(3) - INTERVAL d.seq DAY + INTERVAL 20 MINUTE,
         1, IF((f.id + d.seq) % 45 = 0, 0, 1), IF((f.id + d.seq) % 45 = 0, 1, 0),
         IF((f.id + d.seq) % 45 = 0, 'Scale fixture: a failed run', NULL)
  FROM protection_flows f JOIN seq_1_to_90 d
  WHERE f.name LIKE CONCAT(@tag, '-flow-%');
