-- Issue 18: backup copies (policies with copy rules, copy jobs, copies as restore points of their
-- own) and immutable points.

-- "Immutable for N days" per repository (0: off). A point written into it (a backup or a copy) is
-- immutable until its completion plus N days; the lock can be extended, never shortened.
ALTER TABLE repositories ADD COLUMN immutable_days INT NOT NULL DEFAULT 0;

-- immutable_until: nobody deletes or changes the point before then. file_protection: what the
-- storage itself enforces on the point's files (READ_ONLY, IMMUTABLE_ATTRIBUTE, or NONE when only
-- the hub enforces it). copy_of_backup_id: the point this one is a copy of (no foreign key: a copy
-- outlives its source); copy_rule_id: the rule that made it (its retention applies to it).
ALTER TABLE backups
  ADD COLUMN immutable_until   TIMESTAMP(3) NULL,
  ADD COLUMN file_protection   VARCHAR(32)  NULL,
  ADD COLUMN copy_of_backup_id BIGINT       NULL,
  ADD COLUMN copy_rule_id      BIGINT       NULL,
  ADD INDEX ix_backups_copy_of (copy_of_backup_id),
  ADD INDEX ix_backups_copy_rule (copy_rule_id, vm_context_id);

-- Backup policies: a named set of copy rules a flow refers to.
CREATE TABLE backup_policies (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(128)  NOT NULL,
  description VARCHAR(1000) NULL,
  created_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  version     BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT uq_backup_policies_name UNIQUE (name)
) ENGINE=InnoDB;

-- One copy rule: where to (any repository), when (EVERY_POINT, DAILY, WEEKLY), how (INCREMENTAL:
-- the chain is kept incremental on the target; FULL: every copy is a standalone full) and the
-- copies' own retention on the target (restic's rules, as a flow's).
CREATE TABLE copy_rules (
  id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  policy_id         BIGINT       NOT NULL,
  position          INT          NOT NULL DEFAULT 0,
  repository_id     BIGINT       NOT NULL,
  run_when          VARCHAR(16)  NOT NULL,
  copy_mode         VARCHAR(16)  NOT NULL,
  retention_last    INT          NULL,
  retention_daily   INT          NULL,
  retention_weekly  INT          NULL,
  retention_monthly INT          NULL,
  retention_yearly  INT          NULL,
  version           BIGINT       NOT NULL DEFAULT 0,
  CONSTRAINT fk_copy_rules_policy FOREIGN KEY (policy_id) REFERENCES backup_policies (id) ON DELETE CASCADE,
  CONSTRAINT fk_copy_rules_repository FOREIGN KEY (repository_id) REFERENCES repositories (id) ON DELETE RESTRICT,
  INDEX ix_copy_rules_policy (policy_id, position)
) ENGINE=InnoDB;

ALTER TABLE protection_flows
  ADD COLUMN policy_id BIGINT NULL,
  ADD CONSTRAINT fk_flows_policy FOREIGN KEY (policy_id) REFERENCES backup_policies (id) ON DELETE RESTRICT;

-- Copy jobs share the backup job queue (limits, console, telemetry, restart): job_kind COPY, the
-- repository is the target, and the point copied is copy_source_backup_id.
ALTER TABLE backup_jobs
  ADD COLUMN job_kind              VARCHAR(16) NOT NULL DEFAULT 'BACKUP',
  ADD COLUMN copy_source_backup_id BIGINT      NULL,
  ADD COLUMN copy_rule_id          BIGINT      NULL,
  ADD COLUMN copy_mode             VARCHAR(16) NULL,
  ADD INDEX ix_backup_jobs_copy_source (copy_source_backup_id, status);
