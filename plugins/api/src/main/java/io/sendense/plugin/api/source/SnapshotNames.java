package io.sendense.plugin.api.source;

import java.util.regex.Pattern;

/**
 * The naming rule that tells the product's own snapshots from everybody else's: backups take {@code
 * sbak-{jobId}}, replication takes {@code srep-...}. Only {@code sbak-} snapshots are ever removed
 * as stale by a backup; user snapshots and {@code srep-} ones are never touched.
 */
public final class SnapshotNames {

  /** Prefix of snapshots taken by backup jobs. */
  public static final String BACKUP_PREFIX = "sbak-";

  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private SnapshotNames() {}

  /**
   * The snapshot name for a backup job.
   *
   * @throws IllegalArgumentException if the job id has characters other than letters, digits, dot,
   *     dash and underscore, or is longer than 64
   */
  public static String forBackupJob(String jobId) {
    if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException(
          "Job id '" + jobId + "' must be 1-64 letters, digits, '.', '-' or '_'");
    }
    return BACKUP_PREFIX + jobId;
  }

  /** Whether a snapshot with this name was taken by a backup job. */
  public static boolean isBackupSnapshot(String name) {
    return name != null && name.startsWith(BACKUP_PREFIX) && name.length() > BACKUP_PREFIX.length();
  }
}
