-- Security (issue 12): the first admin must choose a new password at the first login.
ALTER TABLE users ADD COLUMN password_change_required BOOLEAN NOT NULL DEFAULT FALSE;

-- API tokens are listed per user, newest first, and expire by default (issue 12 item 7).
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id, created_at);

-- "Newest first" lists (issue 23 item 6): restore points, the jobs console, flow executions.
CREATE INDEX ix_backups_started ON backups (started_at, id);
CREATE INDEX ix_backup_jobs_queued ON backup_jobs (queued_at, id);
CREATE INDEX ix_executions_started ON flow_executions (started_at);
