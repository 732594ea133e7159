-- Notifications (issue 19): channels (mail, webhook) with their secrets sealed, the rules that
-- route events to them (global or per flow), a durable outbox that hub workers drain with a
-- compare-and-set claim, and the log of every delivery attempt.

CREATE TABLE notification_channels (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  version           BIGINT        NOT NULL DEFAULT 0,
  name              VARCHAR(128)  NOT NULL,
  kind              VARCHAR(16)   NOT NULL,
  enabled           BOOLEAN       NOT NULL DEFAULT TRUE,
  -- host, port, security, username, from, to (mail); url (webhook): never a secret
  config_json       TEXT          NOT NULL,
  -- SMTP password or webhook HMAC key, SecretCipher-sealed, bound to notification-channel/<id>
  secret_ciphertext TEXT          NULL,
  created_at        TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  CONSTRAINT uq_notification_channel_name UNIQUE (name)
) ENGINE=InnoDB;

CREATE TABLE notification_rules (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  version           BIGINT        NOT NULL DEFAULT 0,
  channel_id        BIGINT        NOT NULL,
  event             VARCHAR(32)   NOT NULL,
  -- NULL: every flow (global rule)
  flow_id           BIGINT        NULL,
  -- REPOSITORY_CAPACITY only: used percentage at or above which the rule fires
  threshold_percent INT           NULL,
  enabled           BOOLEAN       NOT NULL DEFAULT TRUE,
  CONSTRAINT fk_notification_rules_channel FOREIGN KEY (channel_id)
    REFERENCES notification_channels (id) ON DELETE CASCADE,
  CONSTRAINT fk_notification_rules_flow FOREIGN KEY (flow_id)
    REFERENCES protection_flows (id) ON DELETE CASCADE,
  INDEX ix_notification_rules_event (event)
) ENGINE=InnoDB;

CREATE TABLE notification_outbox (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id        BIGINT        NOT NULL,
  event             VARCHAR(32)   NOT NULL,
  -- one message per channel and happening, however many hubs or rules enqueue it
  dedupe_key        VARCHAR(190)  NOT NULL,
  subject           VARCHAR(255)  NOT NULL,
  body_text         TEXT          NOT NULL,
  payload_json      TEXT          NOT NULL,
  -- PENDING -> SENDING (claimed) -> SENT | PENDING (retry) | FAILED (gave up)
  status            VARCHAR(16)   NOT NULL,
  attempts          INT           NOT NULL DEFAULT 0,
  next_attempt_at   TIMESTAMP(3)  NOT NULL,
  claimed_by        VARCHAR(64)   NULL,
  lease_until       TIMESTAMP(3)  NULL,
  last_error        VARCHAR(1000) NULL,
  created_at        TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  sent_at           TIMESTAMP(3)  NULL,
  CONSTRAINT fk_notification_outbox_channel FOREIGN KEY (channel_id)
    REFERENCES notification_channels (id) ON DELETE CASCADE,
  CONSTRAINT uq_notification_outbox_dedupe UNIQUE (channel_id, dedupe_key),
  INDEX ix_notification_outbox_due (status, next_attempt_at)
) ENGINE=InnoDB;

CREATE TABLE notification_deliveries (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id        BIGINT        NOT NULL,
  -- NULL for a "Send test", which never enters the outbox
  outbox_id         BIGINT        NULL,
  event             VARCHAR(32)   NOT NULL,
  attempt           INT           NOT NULL,
  outcome           VARCHAR(16)   NOT NULL,
  detail            VARCHAR(1000) NULL,
  hub               VARCHAR(64)   NULL,
  duration_ms       BIGINT        NOT NULL DEFAULT 0,
  attempted_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  CONSTRAINT fk_notification_deliveries_channel FOREIGN KEY (channel_id)
    REFERENCES notification_channels (id) ON DELETE CASCADE,
  INDEX ix_notification_deliveries_channel (channel_id, attempted_at)
) ENGINE=InnoDB;
