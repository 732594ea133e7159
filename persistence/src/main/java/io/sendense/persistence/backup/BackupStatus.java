package io.sendense.persistence.backup;

/** Life cycle of a backup or backup disk. Only COMPLETE points may be parents or restored. */
public enum BackupStatus {
  RUNNING,
  COMPLETE,
  FAILED,
  STOPPED,
  /**
   * Being taken out of its chain (retention or a delete): its images are merged into the next
   * point, so it can no longer be restored or built on; the row goes when the merge is done.
   */
  DELETING
}
