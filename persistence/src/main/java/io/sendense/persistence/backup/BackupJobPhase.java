package io.sendense.persistence.backup;

/**
 * The phase a backup or copy job last reported, as {@code backup_jobs.phase} and {@code
 * telemetry_snapshots.phase} store it (the names are the column values). The job's own port enum
 * ({@code io.sendense.batch.port.BackupPhase}) has the same names; the catalog does not depend on
 * the batch module, so the hub maps one to the other by name.
 */
public enum BackupJobPhase {
  PREPARE,
  SNAPSHOT,
  TRANSFER,
  FINALIZE,
  CLEANUP,
  COMPLETE,
  FAILED;

  /** Whether the job has ended (its last phase). */
  public boolean ended() {
    return this == COMPLETE || this == FAILED;
  }
}
