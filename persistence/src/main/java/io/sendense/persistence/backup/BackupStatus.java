package io.sendense.persistence.backup;

/** Life cycle of a backup or backup disk. Only COMPLETE points may be parents or restored. */
public enum BackupStatus {
  RUNNING,
  COMPLETE,
  FAILED,
  STOPPED
}
