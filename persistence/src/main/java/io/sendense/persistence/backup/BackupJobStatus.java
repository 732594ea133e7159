package io.sendense.persistence.backup;

/** Where a backup job stands in the hub: waiting for a slot, in the batch runtime, or ended. */
public enum BackupJobStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  STOPPED,
  ABANDONED;

  /** Whether the job still holds (or waits for) a slot. */
  public boolean active() {
    return this == QUEUED || this == RUNNING;
  }
}
