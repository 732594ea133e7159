package io.sendense.persistence.restore;

/**
 * The phase a VM restore is in, as {@code restore_jobs.phase} stores it (the names are the column
 * values): queued, the phases the restore job reports (its port enum {@code
 * io.sendense.batch.restore.port.RestorePhase} has the same names; the catalog does not depend on
 * the batch module, so the hub maps one to the other by name), and back in the queue after a hub
 * stop.
 */
public enum RestoreJobPhase {
  QUEUED,
  PREPARE,
  CREATE,
  UPLOAD,
  FINISH,
  COMPLETE,
  CLEANUP,
  FAILED,
  /** Back in the queue after the hub stopped while it ran; a new execution goes on with its VM. */
  RESUMING
}
