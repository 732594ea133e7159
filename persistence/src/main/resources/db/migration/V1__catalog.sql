-- Sendense catalog, version 1.
-- Delete rules (see docs/catalog.md): restore points are never erased by deleting what they
-- came from. Rows that restore points reference (VM contexts, repositories, parent disks) are
-- RESTRICTed; the application marks them gone/disabled instead. Pure child rows (disks of a VM,
-- memberships, telemetry, executions of a flow) go with their parent.

CREATE TABLE roles (
  name        VARCHAR(32)  NOT NULL PRIMARY KEY,
  description VARCHAR(255) NOT NULL
) ENGINE=InnoDB;

INSERT INTO roles (name, description) VALUES
  ('admin', 'Everything, including users, settings, sources and repositories'),
  ('operator', 'Run flows and restore'),
  ('viewer', 'Read only');

CREATE TABLE users (
  id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username      VARCHAR(64)  NOT NULL,
  display_name  VARCHAR(128) NULL,
  password_hash VARCHAR(255) NOT NULL,
  enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
  theme         VARCHAR(16)  NOT NULL DEFAULT 'light',
  created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  last_login_at TIMESTAMP(3) NULL,
  version       BIGINT       NOT NULL DEFAULT 0,
  CONSTRAINT uq_users_username UNIQUE (username)
) ENGINE=InnoDB;

CREATE TABLE user_roles (
  user_id   BIGINT      NOT NULL,
  role_name VARCHAR(32) NOT NULL,
  PRIMARY KEY (user_id, role_name),
  CONSTRAINT fk_user_roles_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_user_roles_role FOREIGN KEY (role_name) REFERENCES roles (name)
) ENGINE=InnoDB;

CREATE TABLE api_tokens (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id      BIGINT       NOT NULL,
  name         VARCHAR(128) NOT NULL,
  token_hash   CHAR(64)     NOT NULL,
  created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  expires_at   TIMESTAMP(3) NULL,
  last_used_at TIMESTAMP(3) NULL,
  CONSTRAINT uq_api_tokens_hash UNIQUE (token_hash),
  CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE audit_log (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  occurred_at TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  username    VARCHAR(64)   NULL,
  user_id     BIGINT        NULL,
  action      VARCHAR(64)   NOT NULL,
  target      VARCHAR(255)  NULL,
  outcome     VARCHAR(16)   NOT NULL,
  remote_addr VARCHAR(64)   NULL,
  detail      VARCHAR(2000) NULL,
  CONSTRAINT fk_audit_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL,
  INDEX ix_audit_time (occurred_at),
  INDEX ix_audit_action (action, occurred_at)
) ENGINE=InnoDB;

CREATE TABLE sources (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name              VARCHAR(128)  NOT NULL,
  plugin_id         VARCHAR(64)   NOT NULL,
  host              VARCHAR(255)  NOT NULL,
  port              INT           NOT NULL DEFAULT 443,
  username          VARCHAR(255)  NOT NULL,
  secret_ciphertext VARCHAR(2048) NULL,
  tls_mode          VARCHAR(16)   NOT NULL DEFAULT 'PINNED',
  tls_thumbprint    VARCHAR(128)  NULL,
  config_json       TEXT          NULL,
  enabled           BOOLEAN       NOT NULL DEFAULT TRUE,
  last_discovery_at TIMESTAMP(3)  NULL,
  last_discovery_status VARCHAR(16) NULL,
  last_discovery_message VARCHAR(2000) NULL,
  created_at        TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  version           BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT uq_sources_name UNIQUE (name),
  CONSTRAINT uq_sources_endpoint UNIQUE (host, port)
) ENGINE=InnoDB;

CREATE TABLE vm_contexts (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  source_id     BIGINT        NOT NULL,
  moref         VARCHAR(64)   NOT NULL,
  instance_uuid VARCHAR(64)   NULL,
  name          VARCHAR(255)  NOT NULL,
  power_state   VARCHAR(32)   NULL,
  guest_os      VARCHAR(255)  NULL,
  cpus          INT           NULL,
  memory_mb     BIGINT        NULL,
  folder_path   VARCHAR(1024) NULL,
  datacenter    VARCHAR(255)  NULL,
  cbt_enabled   BOOLEAN       NOT NULL DEFAULT FALSE,
  tags          VARCHAR(2000) NULL,
  state         VARCHAR(16)   NOT NULL DEFAULT 'PRESENT',
  discovered_at TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  last_seen_at  TIMESTAMP(3)  NULL,
  version       BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT uq_vm_contexts_moref UNIQUE (source_id, moref),
  -- A source whose VMs still have restore points cannot be deleted: RESTRICT.
  CONSTRAINT fk_vm_contexts_source FOREIGN KEY (source_id) REFERENCES sources (id) ON DELETE RESTRICT,
  INDEX ix_vm_contexts_name (name)
) ENGINE=InnoDB;

CREATE TABLE vm_disks (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  vm_context_id BIGINT        NOT NULL,
  device_key    INT           NOT NULL,
  label         VARCHAR(255)  NULL,
  capacity_bytes BIGINT       NOT NULL,
  datastore     VARCHAR(255)  NULL,
  backing_file  VARCHAR(1024) NULL,
  thin          BOOLEAN       NULL,
  cbt_enabled   BOOLEAN       NOT NULL DEFAULT FALSE,
  state         VARCHAR(16)   NOT NULL DEFAULT 'PRESENT',
  version       BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT uq_vm_disks_key UNIQUE (vm_context_id, device_key),
  CONSTRAINT fk_vm_disks_vm FOREIGN KEY (vm_context_id) REFERENCES vm_contexts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE repositories (
  id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name             VARCHAR(128)  NOT NULL,
  type             VARCHAR(64)   NOT NULL,
  config_json      TEXT          NOT NULL,
  secret_ciphertext VARCHAR(4096) NULL,
  enabled          BOOLEAN       NOT NULL DEFAULT TRUE,
  capacity_total_bytes BIGINT    NULL,
  capacity_used_bytes  BIGINT    NULL,
  capacity_free_bytes  BIGINT    NULL,
  capacity_checked_at  TIMESTAMP(3) NULL,
  status           VARCHAR(16)   NOT NULL DEFAULT 'UNKNOWN',
  status_message   VARCHAR(2000) NULL,
  created_at       TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  version          BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT uq_repositories_name UNIQUE (name)
) ENGINE=InnoDB;

CREATE TABLE protection_groups (
  id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name             VARCHAR(128)  NOT NULL,
  description      VARCHAR(1000) NULL,
  default_schedule VARCHAR(128)  NULL,
  default_repository_id BIGINT   NULL,
  membership_rule  VARCHAR(1000) NULL,
  created_at       TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  version          BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT uq_protection_groups_name UNIQUE (name),
  CONSTRAINT fk_groups_repository FOREIGN KEY (default_repository_id) REFERENCES repositories (id) ON DELETE SET NULL
) ENGINE=InnoDB;

CREATE TABLE group_memberships (
  group_id      BIGINT       NOT NULL,
  vm_context_id BIGINT       NOT NULL,
  priority      INT          NOT NULL DEFAULT 100,
  enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
  added_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (group_id, vm_context_id),
  CONSTRAINT fk_memberships_group FOREIGN KEY (group_id) REFERENCES protection_groups (id) ON DELETE CASCADE,
  CONSTRAINT fk_memberships_vm FOREIGN KEY (vm_context_id) REFERENCES vm_contexts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE protection_flows (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name            VARCHAR(128)  NOT NULL,
  target_vm_id    BIGINT        NULL,
  target_group_id BIGINT        NULL,
  repository_id   BIGINT        NOT NULL,
  cron_schedule   VARCHAR(128)  NULL,
  time_zone       VARCHAR(64)   NOT NULL DEFAULT 'UTC',
  enabled         BOOLEAN       NOT NULL DEFAULT TRUE,
  retention_count INT           NULL,
  last_run_at     TIMESTAMP(3)  NULL,
  next_run_at     TIMESTAMP(3)  NULL,
  last_status     VARCHAR(16)   NULL,
  runs_total      INT           NOT NULL DEFAULT 0,
  runs_succeeded  INT           NOT NULL DEFAULT 0,
  runs_failed     INT           NOT NULL DEFAULT 0,
  created_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  version         BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT uq_flows_name UNIQUE (name),
  CONSTRAINT ck_flows_one_target CHECK ((target_vm_id IS NULL) <> (target_group_id IS NULL)),
  CONSTRAINT fk_flows_vm FOREIGN KEY (target_vm_id) REFERENCES vm_contexts (id) ON DELETE RESTRICT,
  CONSTRAINT fk_flows_group FOREIGN KEY (target_group_id) REFERENCES protection_groups (id) ON DELETE RESTRICT,
  CONSTRAINT fk_flows_repository FOREIGN KEY (repository_id) REFERENCES repositories (id) ON DELETE RESTRICT,
  INDEX ix_flows_next_run (enabled, next_run_at)
) ENGINE=InnoDB;

CREATE TABLE flow_executions (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  flow_id      BIGINT        NOT NULL,
  trigger_kind VARCHAR(16)   NOT NULL,
  triggered_by VARCHAR(64)   NULL,
  status       VARCHAR(16)   NOT NULL,
  started_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  completed_at TIMESTAMP(3)  NULL,
  vms_total    INT           NOT NULL DEFAULT 0,
  vms_succeeded INT          NOT NULL DEFAULT 0,
  vms_failed   INT           NOT NULL DEFAULT 0,
  message      VARCHAR(2000) NULL,
  version      BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT fk_executions_flow FOREIGN KEY (flow_id) REFERENCES protection_flows (id) ON DELETE CASCADE,
  INDEX ix_executions_flow (flow_id, started_at)
) ENGINE=InnoDB;

CREATE TABLE nodes (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name           VARCHAR(128)  NOT NULL,
  address        VARCHAR(255)  NULL,
  token_hash     CHAR(64)      NULL,
  status         VARCHAR(16)   NOT NULL DEFAULT 'UNKNOWN',
  version_string VARCHAR(64)   NULL,
  last_seen_at   TIMESTAMP(3)  NULL,
  created_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  version        BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT uq_nodes_name UNIQUE (name)
) ENGINE=InnoDB;

CREATE TABLE backups (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  vm_context_id     BIGINT        NOT NULL,
  repository_id     BIGINT        NOT NULL,
  flow_execution_id BIGINT        NULL,
  node_id           BIGINT        NULL,
  job_execution_id  BIGINT        NULL,
  backup_type       VARCHAR(16)   NOT NULL,
  status            VARCHAR(16)   NOT NULL,
  snapshot_name     VARCHAR(128)  NULL,
  started_at        TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  completed_at      TIMESTAMP(3)  NULL,
  bytes_read        BIGINT        NOT NULL DEFAULT 0,
  bytes_written     BIGINT        NOT NULL DEFAULT 0,
  duration_ms       BIGINT        NULL,
  avg_rate_bps      BIGINT        NULL,
  peak_rate_bps     BIGINT        NULL,
  error_message     VARCHAR(4000) NULL,
  fallback_reason   VARCHAR(1000) NULL,
  version           BIGINT        NOT NULL DEFAULT 0,
  -- Restore points outlive the VM's presence in vCenter and the flow that made them.
  CONSTRAINT fk_backups_vm FOREIGN KEY (vm_context_id) REFERENCES vm_contexts (id) ON DELETE RESTRICT,
  CONSTRAINT fk_backups_repository FOREIGN KEY (repository_id) REFERENCES repositories (id) ON DELETE RESTRICT,
  CONSTRAINT fk_backups_execution FOREIGN KEY (flow_execution_id) REFERENCES flow_executions (id) ON DELETE SET NULL,
  CONSTRAINT fk_backups_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE SET NULL,
  INDEX ix_backups_vm (vm_context_id, started_at),
  INDEX ix_backups_status (status, started_at)
) ENGINE=InnoDB;

CREATE TABLE backup_disks (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  backup_id       BIGINT        NOT NULL,
  vm_disk_id      BIGINT        NOT NULL,
  disk_index      INT           NOT NULL,
  file_name       VARCHAR(1024) NOT NULL,
  parent_id       BIGINT        NULL,
  change_id       VARCHAR(255)  NULL,
  capacity_bytes  BIGINT        NOT NULL,
  bytes_read      BIGINT        NOT NULL DEFAULT 0,
  bytes_written   BIGINT        NOT NULL DEFAULT 0,
  file_size_bytes BIGINT        NULL,
  sha256          CHAR(64)      NULL,
  status          VARCHAR(16)   NOT NULL,
  started_at      TIMESTAMP(3)  NULL,
  completed_at    TIMESTAMP(3)  NULL,
  version         BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT uq_backup_disks_index UNIQUE (backup_id, disk_index),
  CONSTRAINT fk_backup_disks_backup FOREIGN KEY (backup_id) REFERENCES backups (id) ON DELETE CASCADE,
  CONSTRAINT fk_backup_disks_vm_disk FOREIGN KEY (vm_disk_id) REFERENCES vm_disks (id) ON DELETE RESTRICT,
  -- A point another point is built on cannot be deleted first.
  CONSTRAINT fk_backup_disks_parent FOREIGN KEY (parent_id) REFERENCES backup_disks (id) ON DELETE RESTRICT,
  INDEX ix_backup_disks_chain (vm_disk_id, status, completed_at)
) ENGINE=InnoDB;

CREATE TABLE telemetry_snapshots (
  id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  backup_id     BIGINT       NOT NULL,
  captured_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  phase         VARCHAR(32)  NOT NULL,
  bytes_done    BIGINT       NOT NULL DEFAULT 0,
  bytes_total   BIGINT       NOT NULL DEFAULT 0,
  rate_bps      BIGINT       NOT NULL DEFAULT 0,
  eta_seconds   BIGINT       NULL,
  disk_progress VARCHAR(4000) NULL,
  CONSTRAINT fk_telemetry_backup FOREIGN KEY (backup_id) REFERENCES backups (id) ON DELETE CASCADE,
  INDEX ix_telemetry_backup (backup_id, captured_at)
) ENGINE=InnoDB;

CREATE TABLE settings (
  name       VARCHAR(128)  NOT NULL PRIMARY KEY,
  value      VARCHAR(4000) NULL,
  updated_at TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB;
