-- What MariaDB plans for the queries behind the list pages (bench/bench-pages.sh with EXPLAIN=1).
-- The SQL is what EclipseLink generates for the stores' JPQL, simplified to the same access path.
SELECT 'restore page: VMs with a complete point, by name' AS query;
EXPLAIN SELECT v.id, v.name FROM vm_contexts v WHERE EXISTS (SELECT 1 FROM backups b
  WHERE b.vm_context_id = v.id AND b.status = 'COMPLETE') ORDER BY v.name, v.id LIMIT 51;
SELECT 'restore page: counts of those VMs' AS query;
EXPLAIN SELECT b.vm_context_id, COUNT(*), MAX(b.started_at) FROM backups b
  WHERE b.vm_context_id IN (1, 2, 3, 4, 5) AND b.status = 'COMPLETE' GROUP BY b.vm_context_id;
SELECT 'points of one VM, newest first' AS query;
EXPLAIN SELECT b.id FROM backups b WHERE b.vm_context_id = 7 AND b.status = 'COMPLETE'
  ORDER BY b.started_at DESC, b.id DESC LIMIT 500;
SELECT 'VMs list: a page of present VMs by name' AS query;
EXPLAIN SELECT v.id FROM vm_contexts v WHERE v.state = 'PRESENT' ORDER BY v.name, v.id
  LIMIT 50 OFFSET 1000;
SELECT 'VMs list: newest point status per VM' AS query;
EXPLAIN SELECT b.vm_context_id, b.status FROM backups b WHERE b.vm_context_id IN (1, 2, 3)
  AND b.started_at = (SELECT MAX(o.started_at) FROM backups o
                      WHERE o.vm_context_id = b.vm_context_id);
SELECT 'dashboard: verification counts' AS query;
EXPLAIN SELECT verification_status, COUNT(*) FROM backups WHERE status = 'COMPLETE'
  GROUP BY verification_status;
SELECT 'dashboard: covered VMs' AS query;
EXPLAIN SELECT COUNT(*) FROM vm_contexts v WHERE v.state = 'PRESENT' AND (EXISTS (SELECT 1
  FROM protection_flows f WHERE f.enabled AND f.target_vm_id = v.id) OR EXISTS (SELECT 1
  FROM group_memberships m JOIN protection_flows g ON g.target_group_id = m.group_id
  WHERE m.vm_context_id = v.id AND m.enabled AND g.enabled));
SELECT 'jobs console: newest jobs' AS query;
EXPLAIN SELECT j.id FROM backup_jobs j ORDER BY j.queued_at DESC, j.id DESC LIMIT 200;
SELECT 'jobs of one VM' AS query;
EXPLAIN SELECT j.id FROM backup_jobs j WHERE j.vm_context_id = 7 ORDER BY j.queued_at DESC
  LIMIT 200;
