-- Protection flows (issue 7): the outcome of each VM of a flow execution (with its hub backup job
-- and, once it ran, its batch execution), and the reason of a
-- flow's last outcome on the flow itself so the flows table needs no join.

CREATE TABLE flow_execution_vms (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  flow_execution_id BIGINT        NOT NULL,
  vm_context_id     BIGINT        NULL,
  vm_name           VARCHAR(255)  NOT NULL,
  status            VARCHAR(16)   NOT NULL,
  job_id            BIGINT        NULL,
  job_execution_id  BIGINT        NULL,
  backup_id         BIGINT        NULL,
  message           VARCHAR(2000) NULL,
  started_at        TIMESTAMP(3)  NULL,
  completed_at      TIMESTAMP(3)  NULL,
  version           BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT uq_execution_vms UNIQUE (flow_execution_id, vm_context_id),
  CONSTRAINT fk_execution_vms_execution FOREIGN KEY (flow_execution_id) REFERENCES flow_executions (id) ON DELETE CASCADE,
  -- History survives its subject (see docs/catalog.md): the VM name is kept as text.
  CONSTRAINT fk_execution_vms_vm FOREIGN KEY (vm_context_id) REFERENCES vm_contexts (id) ON DELETE SET NULL,
  CONSTRAINT fk_execution_vms_backup FOREIGN KEY (backup_id) REFERENCES backups (id) ON DELETE SET NULL,
  INDEX ix_execution_vms_vm (vm_context_id, status)
) ENGINE=InnoDB;

ALTER TABLE protection_flows ADD COLUMN last_message VARCHAR(2000) NULL;

CREATE INDEX ix_executions_status ON flow_executions (status, started_at);
