package io.sendense.batch.port;

/** Life of a backup record: only COMPLETE backups give restore points and parents. */
public enum BackupStatus {
  RUNNING,
  COMPLETE,
  FAILED
}
