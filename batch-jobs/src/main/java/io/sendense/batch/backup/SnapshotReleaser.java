package io.sendense.batch.backup;

import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceSession;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes the execution's snapshot, once, after success (cleanup step) or failure (job listener). A
 * removal that fails is logged, not thrown: the data is safe either way, and the next backup of the
 * VM removes the stale snapshot before taking its own.
 */
final class SnapshotReleaser {
  private static final Logger LOG = Logger.getLogger(SnapshotReleaser.class.getName());

  private SnapshotReleaser() {}

  /** Returns true if the snapshot is gone (or there was none). */
  static boolean release(BackupRun run) {
    Snapshot snapshot = run.liveSnapshot();
    SourceSession session = run.sessionIfOpen();
    if (snapshot == null || session == null) {
      return true;
    }
    try {
      session.removeSnapshot(snapshot.vmId(), snapshot.id());
      run.snapshotRemoved();
      return true;
    } catch (SourceException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not remove snapshot "
              + snapshot.name()
              + " of VM "
              + snapshot.vmId()
              + "; the next backup of the VM removes it",
          e);
      return false;
    }
  }
}
