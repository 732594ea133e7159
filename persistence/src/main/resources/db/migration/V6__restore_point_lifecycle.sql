-- Restore point lifecycle: retention rules, the merge journal, verification and image facts.

-- Grandfather-father-son rules next to the existing "keep the last N" (retention_count).
ALTER TABLE protection_flows
  ADD COLUMN retention_daily   INT NULL,
  ADD COLUMN retention_weekly  INT NULL,
  ADD COLUMN retention_monthly INT NULL,
  ADD COLUMN retention_yearly  INT NULL;

-- A locked point is never deleted by retention; the manifest is the point's sidecar JSON next to
-- its images; verification is the outcome of the last re-read of the point's whole chain.
ALTER TABLE backups
  ADD COLUMN locked                  BOOLEAN       NOT NULL DEFAULT FALSE,
  ADD COLUMN manifest_name           VARCHAR(1024) NULL,
  ADD COLUMN verification_status     VARCHAR(16)   NULL,
  ADD COLUMN verification_checked_at TIMESTAMP(3)  NULL,
  ADD COLUMN verification_detail     VARCHAR(2000) NULL;

-- QCOW2 facts of each image as recorded when it was written (or last merged); sha256 and
-- file_size_bytes already exist.
ALTER TABLE backup_disks
  ADD COLUMN cluster_size INT           NULL,
  ADD COLUMN data_bytes   BIGINT        NULL,
  ADD COLUMN backing_name VARCHAR(1024) NULL,
  ADD COLUMN hashed_at    TIMESTAMP(3)  NULL;

-- Scheduled verification per repository (0 days: off).
ALTER TABLE repositories
  ADD COLUMN verify_interval_days INT           NOT NULL DEFAULT 7,
  ADD COLUMN next_verify_at       TIMESTAMP(3)  NULL,
  ADD COLUMN last_verified_at     TIMESTAMP(3)  NULL,
  ADD COLUMN last_verify_summary  VARCHAR(2000) NULL;

-- The merge journal: one row per disk image taken out of a chain. Each step commits its state
-- before the next begins, so a hub that stops in the middle rolls the step forward (or, before
-- anything was written, back) when it starts again. No foreign keys: the journal outlives the
-- points it names.
CREATE TABLE chain_merges (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  repository_id   BIGINT        NOT NULL,
  vm_context_id   BIGINT        NULL,
  backup_id       BIGINT        NOT NULL,
  disk_index      INT           NOT NULL,
  kind            VARCHAR(16)   NOT NULL,
  doomed_file     VARCHAR(1024) NOT NULL,
  child_backup_id BIGINT        NULL,
  child_file      VARCHAR(1024) NULL,
  repoint_files   TEXT          NULL,
  state           VARCHAR(16)   NOT NULL,
  reason          VARCHAR(64)   NOT NULL,
  requested_by    VARCHAR(64)   NULL,
  flow_id         BIGINT        NULL,
  bytes_moved     BIGINT        NULL,
  duration_ms     BIGINT        NULL,
  detail          VARCHAR(2000) NULL,
  created_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at      TIMESTAMP(3)  NULL,
  version         BIGINT        NOT NULL DEFAULT 0,
  INDEX ix_chain_merges_state (state),
  INDEX ix_chain_merges_backup (backup_id)
) ENGINE=InnoDB;

-- What retention did to each flow's points: deletions, and points it wanted to delete but could
-- not yet (held by a restore session, locked, being verified). Shown in the flow's history.
CREATE TABLE retention_events (
  id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  flow_id          BIGINT        NULL,
  flow_name        VARCHAR(128)  NULL,
  vm_context_id    BIGINT        NULL,
  vm_name          VARCHAR(255)  NULL,
  backup_id        BIGINT        NULL,
  point_started_at TIMESTAMP(3)  NULL,
  action           VARCHAR(16)   NOT NULL,
  detail           VARCHAR(2000) NULL,
  occurred_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  CONSTRAINT fk_retention_events_flow FOREIGN KEY (flow_id) REFERENCES protection_flows (id) ON DELETE SET NULL,
  CONSTRAINT fk_retention_events_vm FOREIGN KEY (vm_context_id) REFERENCES vm_contexts (id) ON DELETE SET NULL,
  INDEX ix_retention_events_flow (flow_id, occurred_at),
  INDEX ix_retention_events_backup (backup_id)
) ENGINE=InnoDB;

-- Periodic hub-wide work (the daily retention sweep): the hub whose compare-and-set UPDATE moves
-- next_at on does the run, as with scheduled flows.
CREATE TABLE maintenance_claims (
  name       VARCHAR(64)  NOT NULL PRIMARY KEY,
  next_at    TIMESTAMP(3) NOT NULL,
  claimed_by VARCHAR(128) NULL,
  claimed_at TIMESTAMP(3) NULL
) ENGINE=InnoDB;
