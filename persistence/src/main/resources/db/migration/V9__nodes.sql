-- Nodes (issue 17): data movers paired with the hub over mutual TLS. A node is paired with a
-- one-time token (only its SHA-256 is kept) and then known by the client certificate the hub's CA
-- issued it; revoking keeps the row (history names it) and refuses the certificate. Sources name
-- the node that runs their backups; a backup job records the node it was handed to and when that
-- node last reported on it, for the stale-job check.

ALTER TABLE nodes
  ADD COLUMN cert_serial   VARCHAR(64)   NULL,
  ADD COLUMN cert_sha256   CHAR(64)      NULL,
  ADD COLUMN paired_at     TIMESTAMP(3)  NULL,
  ADD COLUMN revoked_at    TIMESTAMP(3)  NULL,
  ADD COLUMN draining      BOOLEAN       NOT NULL DEFAULT FALSE,
  ADD COLUMN health_json   VARCHAR(4000) NULL,
  ADD CONSTRAINT uq_nodes_cert_serial UNIQUE (cert_serial);

CREATE TABLE node_pairing_tokens (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_sha256 CHAR(64)      NOT NULL,
  created_by   VARCHAR(64)   NOT NULL,
  created_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  expires_at   TIMESTAMP(3)  NOT NULL,
  used_at      TIMESTAMP(3)  NULL,
  node_id      BIGINT        NULL,
  version      BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT uq_node_pairing_tokens_hash UNIQUE (token_sha256),
  CONSTRAINT fk_node_pairing_tokens_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE SET NULL
) ENGINE=InnoDB;

ALTER TABLE sources
  ADD COLUMN node_id BIGINT NULL,
  ADD CONSTRAINT fk_sources_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE SET NULL;

ALTER TABLE backup_jobs
  ADD COLUMN node_id         BIGINT       NULL,
  ADD COLUMN node_contact_at TIMESTAMP(3) NULL,
  ADD CONSTRAINT fk_backup_jobs_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE SET NULL,
  ADD INDEX ix_backup_jobs_node (node_id, status);
