package io.sendense.webapp.lifecycle;

import java.util.Optional;

/**
 * Something outside the catalog that uses a restore point's files (a restore session, a disk
 * export, a copy, a VM restore) and must keep deletes and retention from removing them. Beans
 * implementing it are asked before every delete ({@code RestorePoints}) and every removal ({@link
 * RemovalObstacles}). It lives with the lifecycle, which owns removal, so that the features holding
 * points depend on the lifecycle and not the other way round.
 */
public interface BackupHolds {
  /** Why backup {@code backupId} must not be deleted now, or empty when nothing holds it. */
  Optional<String> holdOn(long backupId);
}
