-- A job limit per node (issue 17): how many backup jobs the node runs at once. NULL follows the
-- hub's setting sendense.nodes.jobs-per-node.

ALTER TABLE nodes
  ADD COLUMN job_limit INT NULL;
