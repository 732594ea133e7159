package io.sendense.batch.backup;

import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SnapshotCleanup;
import io.sendense.plugin.api.source.SnapshotDisk;
import io.sendense.plugin.api.source.SnapshotNames;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceSession;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Takes the one snapshot of a backup execution: first removes stale snapshots with the backup
 * prefix (never user or replication snapshots), then snapshots all disks at once, then checks that
 * every planned disk is in the snapshot with the planned size.
 */
final class SnapshotTaker {
  private static final Logger LOG = Logger.getLogger(SnapshotTaker.class.getName());

  private final SourceSession session;
  private final Consumer<String> timeline;

  /**
   * @param timeline notes each sub-step's end (stale snapshots removed, change tracking on,
   *     snapshot created)
   */
  SnapshotTaker(SourceSession session, Consumer<String> timeline) {
    this.session = session;
    this.timeline = timeline;
  }

  Snapshot take(BackupRecord backup, long executionId, boolean quiesce) throws SourceException {
    String vmId = backup.vmId();
    SnapshotCleanup cleanup = session.removeStaleBackupSnapshots(vmId, null);
    if (!cleanup.removed().isEmpty()) {
      LOG.info(() -> "Removed stale backup snapshots of VM " + vmId + ": " + cleanup.removed());
    }
    if (!cleanup.clean()) {
      LOG.warning(() -> "Stale backup snapshots of VM " + vmId + " left: " + cleanup.leftovers());
    }
    timeline.accept("stale snapshots checked");
    enableChangeTracking(vmId);
    timeline.accept("change tracking checked");
    String name = SnapshotNames.forBackupJob(Long.toString(executionId));
    Snapshot snapshot = session.createSnapshot(vmId, name, quiesce);
    timeline.accept("snapshot created");
    try {
      check(backup, snapshot);
    } catch (IllegalStateException | SourceException e) {
      session.removeSnapshot(vmId, snapshot.id());
      throw e;
    }
    return snapshot;
  }

  /**
   * Turns on changed block tracking before the snapshot, so this snapshot carries change ids and
   * the next backup can be incremental. Without it (no privilege, old hardware) backups stay full.
   */
  private void enableChangeTracking(String vmId) {
    try {
      if (session.enableChangeTracking(vmId)) {
        LOG.info(() -> "Changed block tracking turned on for VM " + vmId);
      }
    } catch (SourceException e) {
      LOG.warning(
          () ->
              "Changed block tracking could not be turned on for VM "
                  + vmId
                  + "; its backups stay full: "
                  + e.getMessage());
    }
  }

  private static void check(BackupRecord backup, Snapshot snapshot) throws SourceException {
    for (PlannedDisk planned : backup.disks()) {
      SnapshotDisk disk = snapshot.disk(planned.diskKey());
      if (disk.disk().capacityBytes() != planned.capacityBytes()) {
        throw new IllegalStateException(
            "Disk "
                + planned.label()
                + " of VM "
                + backup.vmId()
                + " is "
                + disk.disk().capacityBytes()
                + " bytes in the snapshot but "
                + planned.capacityBytes()
                + " in the catalog; resync the inventory and run a full backup");
      }
    }
  }
}
