-- Backup jobs as the hub runs them: queued until the concurrency limits allow, then one Jakarta
-- Batch job instance (restarts add executions to it). The console and the flow engine read this
-- table; the batch runtime's own tables live in the sendense_batch schema.
CREATE TABLE backup_jobs (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  vm_context_id     BIGINT        NOT NULL,
  repository_id     BIGINT        NOT NULL,
  flow_execution_id BIGINT        NULL,
  backup_id         BIGINT        NULL,
  requested_type    VARCHAR(16)   NOT NULL,
  requested_by      VARCHAR(64)   NULL,
  status            VARCHAR(16)   NOT NULL,
  phase             VARCHAR(32)   NULL,
  wait_reason       VARCHAR(500)  NULL,
  job_instance_id   BIGINT        NULL,
  job_execution_id  BIGINT        NULL,
  executions        INT           NOT NULL DEFAULT 0,
  queued_at         TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  started_at        TIMESTAMP(3)  NULL,
  ended_at          TIMESTAMP(3)  NULL,
  bytes_done        BIGINT        NOT NULL DEFAULT 0,
  bytes_total       BIGINT        NOT NULL DEFAULT 0,
  rate_bps          BIGINT        NOT NULL DEFAULT 0,
  eta_seconds       BIGINT        NULL,
  progress_at       TIMESTAMP(3)  NULL,
  error_message     VARCHAR(4000) NULL,
  version           BIGINT        NOT NULL DEFAULT 0,
  -- Job history goes with its VM or repository; restore points (backups) are what is protected.
  CONSTRAINT fk_backup_jobs_vm FOREIGN KEY (vm_context_id) REFERENCES vm_contexts (id) ON DELETE CASCADE,
  CONSTRAINT fk_backup_jobs_repository FOREIGN KEY (repository_id) REFERENCES repositories (id) ON DELETE CASCADE,
  CONSTRAINT fk_backup_jobs_execution FOREIGN KEY (flow_execution_id) REFERENCES flow_executions (id) ON DELETE SET NULL,
  CONSTRAINT fk_backup_jobs_backup FOREIGN KEY (backup_id) REFERENCES backups (id) ON DELETE SET NULL,
  INDEX ix_backup_jobs_status (status, queued_at),
  INDEX ix_backup_jobs_instance (job_instance_id),
  INDEX ix_backup_jobs_execution (job_execution_id),
  INDEX ix_backup_jobs_flow (flow_execution_id)
) ENGINE=InnoDB;

-- A backup belongs to one job instance; a restart finds it by that id.
ALTER TABLE backups ADD COLUMN job_instance_id BIGINT NULL AFTER job_execution_id,
  ADD INDEX ix_backups_job_instance (job_instance_id);

-- What a disk's transfer step left for finalize and for a restart: the snapshot the image matches.
ALTER TABLE backup_disks
  ADD COLUMN label              VARCHAR(255) NULL AFTER disk_index,
  ADD COLUMN transfer_snapshot  VARCHAR(128) NULL,
  ADD COLUMN transfer_change_id VARCHAR(255) NULL,
  ADD COLUMN transfer_bytes_read BIGINT      NULL,
  ADD COLUMN transfer_ms        BIGINT       NULL;
