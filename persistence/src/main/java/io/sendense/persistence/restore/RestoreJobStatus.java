package io.sendense.persistence.restore;

/** Where a VM restore is. A cancelled restore ends FAILED with the reason. */
public enum RestoreJobStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED;

  public boolean ended() {
    return this == COMPLETED || this == FAILED;
  }
}
