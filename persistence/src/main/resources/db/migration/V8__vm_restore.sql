-- Whole-VM restore (issue 16): the VM configuration recorded with each restore point (also written
-- as a file next to the point's images, so a restore works from the repository alone), and the
-- restore jobs with the state they need to resume after an interruption.

CREATE TABLE backup_vm_configs (
  backup_id    BIGINT        NOT NULL PRIMARY KEY,
  config_json  MEDIUMTEXT    NOT NULL,
  config_file  VARCHAR(1024) NULL,
  cpus         INT           NOT NULL,
  memory_mib   BIGINT        NOT NULL,
  disk_bytes   BIGINT        NOT NULL,
  firmware     VARCHAR(8)    NOT NULL,
  guest_id     VARCHAR(128)  NULL,
  recorded_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  CONSTRAINT fk_vm_configs_backup FOREIGN KEY (backup_id) REFERENCES backups (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE restore_jobs (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- History outlives the point, its VM and the target source: names are kept as text.
  backup_id         BIGINT        NULL,
  vm_context_id     BIGINT        NULL,
  source_id         BIGINT        NULL,
  vm_name           VARCHAR(255)  NOT NULL,
  point_time        TIMESTAMP(3)  NULL,
  target_name       VARCHAR(80)   NOT NULL,
  placement_json    TEXT          NOT NULL,
  network_map_json  TEXT          NOT NULL,
  disk_provisioning VARCHAR(24)   NULL,
  power_on          BOOLEAN       NOT NULL DEFAULT FALSE,
  replace_vm_id     VARCHAR(64)   NULL,
  original_removed  BOOLEAN       NOT NULL DEFAULT FALSE,
  requested_by      VARCHAR(64)   NULL,
  status            VARCHAR(16)   NOT NULL,
  phase             VARCHAR(32)   NULL,
  job_instance_id   BIGINT        NULL,
  job_execution_id  BIGINT        NULL,
  executions        INT           NOT NULL DEFAULT 0,
  interruptions     INT           NOT NULL DEFAULT 0,
  cancel_requested  BOOLEAN       NOT NULL DEFAULT FALSE,
  created_vm_id     VARCHAR(64)   NULL,
  created_vm_json   TEXT          NULL,
  resolved_json     TEXT          NULL,
  queued_at         TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  started_at        TIMESTAMP(3)  NULL,
  first_byte_at     TIMESTAMP(3)  NULL,
  ended_at          TIMESTAMP(3)  NULL,
  bytes_done        BIGINT        NOT NULL DEFAULT 0,
  bytes_total       BIGINT        NOT NULL DEFAULT 0,
  rate_bps          BIGINT        NOT NULL DEFAULT 0,
  eta_seconds       BIGINT        NULL,
  error_message     VARCHAR(4000) NULL,
  version           BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT fk_restore_jobs_backup FOREIGN KEY (backup_id) REFERENCES backups (id) ON DELETE SET NULL,
  CONSTRAINT fk_restore_jobs_vm FOREIGN KEY (vm_context_id) REFERENCES vm_contexts (id) ON DELETE SET NULL,
  CONSTRAINT fk_restore_jobs_source FOREIGN KEY (source_id) REFERENCES sources (id) ON DELETE SET NULL,
  INDEX ix_restore_jobs_status (status, queued_at),
  INDEX ix_restore_jobs_vm (vm_context_id, queued_at),
  INDEX ix_restore_jobs_execution (job_execution_id)
) ENGINE=InnoDB;

-- One row per disk of a restore: where it goes and whether its data is all there.
CREATE TABLE restore_job_disks (
  restore_job_id BIGINT       NOT NULL,
  disk_key       INT          NOT NULL,
  disk_index     INT          NOT NULL,
  label          VARCHAR(255) NULL,
  capacity_bytes BIGINT       NOT NULL,
  uploaded       BOOLEAN      NOT NULL DEFAULT FALSE,
  bytes_sent     BIGINT       NOT NULL DEFAULT 0,
  duration_ms    BIGINT       NULL,
  PRIMARY KEY (restore_job_id, disk_key),
  CONSTRAINT fk_restore_disks_job FOREIGN KEY (restore_job_id) REFERENCES restore_jobs (id) ON DELETE CASCADE
) ENGINE=InnoDB;
