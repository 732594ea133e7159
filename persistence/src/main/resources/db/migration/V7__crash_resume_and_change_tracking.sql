-- Issue 13: resume after a hub crash, and incrementals without changed block tracking.

-- Each disk's committed transfer state, the checkpoint a resumed job continues from (kept here,
-- not in the batch runtime's tables). Rows from before this version recorded only finished
-- transfers.
ALTER TABLE backup_disks
  ADD COLUMN transfer_offset        BIGINT        NULL,
  ADD COLUMN transfer_done          BOOLEAN       NOT NULL DEFAULT FALSE,
  ADD COLUMN change_tracking        VARCHAR(16)   NULL,
  ADD COLUMN change_tracking_reason VARCHAR(1000) NULL;
UPDATE backup_disks SET transfer_offset = capacity_bytes, transfer_done = TRUE
  WHERE transfer_snapshot IS NOT NULL;

-- How a restore point found its data (CBT, CONTENT_COMPARE, NONE_FULL); the reason goes into the
-- existing fallback_reason column.
ALTER TABLE backups ADD COLUMN change_tracking VARCHAR(16) NULL;

-- Why a job ended (typed: the restart policy reads it, not the message), and whether the hub
-- already resumed it once by itself after a crash.
ALTER TABLE backup_jobs
  ADD COLUMN end_reason   VARCHAR(32) NULL,
  ADD COLUMN auto_resumed BOOLEAN     NOT NULL DEFAULT FALSE;

-- Every batch execution a hub job ran, across job instances: a resumed job runs as a new instance.
CREATE TABLE backup_job_executions (
  id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job_id           BIGINT       NOT NULL,
  job_instance_id  BIGINT       NOT NULL,
  job_execution_id BIGINT       NOT NULL,
  started_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  CONSTRAINT uq_backup_job_executions UNIQUE (job_execution_id),
  CONSTRAINT fk_backup_job_executions_job FOREIGN KEY (job_id) REFERENCES backup_jobs (id) ON DELETE CASCADE,
  INDEX ix_backup_job_executions_job (job_id)
) ENGINE=InnoDB;
INSERT INTO backup_job_executions (job_id, job_instance_id, job_execution_id, started_at)
  SELECT id, job_instance_id, job_execution_id, COALESCE(started_at, queued_at) FROM backup_jobs
  WHERE job_execution_id IS NOT NULL AND job_instance_id IS NOT NULL;
