-- Placement on nodes (issue 17): besides a source, a repository (reachable only from that node,
-- e.g. a node-local folder) and a protection flow can name the node their backups run on. NULL:
-- no choice (the next rule decides; see docs/nodes.md, "Placement").

ALTER TABLE repositories
  ADD COLUMN node_id BIGINT NULL,
  ADD CONSTRAINT fk_repositories_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE SET NULL;

ALTER TABLE protection_flows
  ADD COLUMN node_id BIGINT NULL,
  ADD CONSTRAINT fk_protection_flows_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE SET NULL;
