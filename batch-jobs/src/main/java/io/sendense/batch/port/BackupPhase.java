package io.sendense.batch.port;

/** The phases a backup job goes through, in order; it ends in COMPLETE or FAILED. */
public enum BackupPhase {
  PREPARE,
  SNAPSHOT,
  TRANSFER,
  FINALIZE,
  CLEANUP,
  COMPLETE,
  FAILED
}
