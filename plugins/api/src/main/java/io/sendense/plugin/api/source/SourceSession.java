package io.sendense.plugin.api.source;

import java.util.List;
import java.util.Optional;

/**
 * A logged-in session to one hypervisor source, used by the hub and by backup jobs.
 *
 * <p>Implementations are safe for several threads, re-login when the server expired the session,
 * and report every failure as a {@link SourceException} naming the object concerned.
 */
public interface SourceSession extends AutoCloseable {

  /** Containers, datastores and VMs with their disks, read in one pass. */
  Inventory inventory() throws SourceException;

  /** All snapshots of a VM, the whole tree flattened, parents before children. */
  List<SnapshotInfo> listSnapshots(String vmId) throws SourceException;

  /**
   * Takes a snapshot of all disks of a VM, without memory.
   *
   * @param name use {@link SnapshotNames#forBackupJob(String)} for backups
   * @param quiesce whether to ask the guest tools to quiesce file systems first
   */
  Snapshot createSnapshot(String vmId, String name, boolean quiesce) throws SourceException;

  /** Removes one snapshot (not its children), consolidating its data into the parent. */
  void removeSnapshot(String vmId, String snapshotId) throws SourceException;

  /**
   * Removes every {@link SnapshotNames#isBackupSnapshot backup snapshot} of the VM except the one
   * named {@code keepName} (may be {@code null}), at any depth of the tree, retrying each removal.
   * Never touches other snapshots. Snapshots that still fail are reported, not thrown.
   */
  SnapshotCleanup removeStaleBackupSnapshots(String vmId, String keepName) throws SourceException;

  /**
   * Turns Changed Block Tracking on for the VM and makes it take effect (on vSphere that needs a
   * snapshot to be created and removed, which this method does with a backup-named snapshot).
   *
   * @return {@code true} if CBT was off and is now on, {@code false} if it was already on
   */
  boolean enableChangeTracking(String vmId) throws SourceException;

  /**
   * The areas of a disk to read for a backup from this snapshot.
   *
   * @param sinceChangeId {@code "*"} for a full backup (the disk's allocated areas), or the change
   *     id recorded with the parent restore point for an incremental
   * @return the exact areas, or {@link ChangedAreas#unavailable} with the reason (CBT off, change
   *     id reset, not supported by the server) so the caller reads the whole disk
   * @throws SourceException only when the source itself fails (connection, VM gone)
   */
  ChangedAreas changedAreas(Snapshot snapshot, int diskKey, String sinceChangeId)
      throws SourceException;

  /** Opens a reader on a disk as frozen in the snapshot. */
  DiskReader openDiskReader(Snapshot snapshot, int diskKey) throws SourceException;

  /**
   * Restoring whole VMs into this source, if the plugin offers it. The default is none: such a
   * source only serves file and disk restores.
   */
  default Optional<VmRestore> vmRestore() throws SourceException {
    return Optional.empty();
  }

  /** Logs out and releases connections. */
  @Override
  void close() throws SourceException;
}
