-- Whole-VM restores on nodes (issue 17): the node that runs a restore (NULL: the hub's batch
-- runtime) and when it last reported on it (catalog call, progress, poll), for the stale check.

ALTER TABLE restore_jobs
  ADD COLUMN node_id         BIGINT       NULL,
  ADD COLUMN node_contact_at TIMESTAMP(3) NULL,
  ADD CONSTRAINT fk_restore_jobs_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE SET NULL,
  ADD INDEX ix_restore_jobs_node (node_id, status);
