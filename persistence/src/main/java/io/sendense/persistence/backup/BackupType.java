package io.sendense.persistence.backup;

/** How a restore point was taken. */
public enum BackupType {
  FULL,
  INCREMENTAL
}
