package io.sendense.webapp.backup;

import java.util.Optional;

/**
 * Something outside the catalog that uses a restore point's files (a restore session, a disk
 * export) and must keep {@link RestorePoints#delete} from removing them. Beans implementing it are
 * asked before every delete.
 */
public interface BackupHolds {
  /** Why backup {@code backupId} must not be deleted now, or empty when nothing holds it. */
  Optional<String> holdOn(long backupId);
}
