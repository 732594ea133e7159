-- The Jobs console shows a node's batch executions as the hub's (issue 17): a node's runtime keeps
-- its executions in memory only, so the hub keeps what the node last reported of each one (its
-- status and steps, as JSON; NULL for the hub's own executions, read from the hub's runtime).

ALTER TABLE backup_job_executions
  ADD COLUMN node_report MEDIUMTEXT NULL;
