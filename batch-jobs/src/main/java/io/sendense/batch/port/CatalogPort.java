package io.sendense.batch.port;

import io.sendense.plugin.api.source.VmConfiguration;
import java.util.List;
import java.util.Optional;

/**
 * What a backup job needs from the catalog. The hub implements it with JPA, the node over the hub's
 * REST API; the job finds the implementation through CDI. Methods throw unchecked exceptions (with
 * a message naming the object) when the catalog cannot answer; the job then fails.
 *
 * <p>Backups are keyed by the batch job instance id, which stays the same across restarts of the
 * job, so that a restarted execution finds the backup that its first execution created.
 */
public interface CatalogPort {

  /**
   * The VM and its disks as the catalog knows them.
   *
   * @throws IllegalArgumentException if the catalog has no such VM
   */
  VmRecord vm(String vmId);

  /**
   * The parent for a new incremental of one disk in one repository: the latest restore point of
   * that disk whose backup is {@link BackupStatus#COMPLETE} and whose change id is known. Failed,
   * running and change-id-less points are never returned.
   */
  Optional<ParentPoint> latestCompletePoint(String vmId, int diskKey, String repositoryId);

  /** Records a new backup (status {@link BackupStatus#RUNNING}) with one record per disk. */
  BackupRecord createBackup(NewBackup backup);

  /** The backup that the job instance created, if its prepare step has run. */
  Optional<BackupRecord> backupOfJob(long jobInstanceId);

  /** Marks a failed backup {@link BackupStatus#RUNNING} again: its job was restarted. */
  void backupRestarted(long backupId, long jobExecutionId);

  /** Records that a disk's data is all in its partial image, as of the given snapshot. */
  void diskTransferred(long backupId, DiskTransfer transfer);

  /** The last {@link #diskTransferred} record of a disk, if any. */
  Optional<DiskTransfer> transferOf(long backupId, int diskKey);

  /** Marks the backup and its disks complete with their results; they may now be parents. */
  void completeBackup(long backupId, List<DiskResult> results);

  /**
   * Records the VM's configuration as of the backup's snapshot and the repository file that holds
   * it; a restarted backup records its new snapshot's, replacing the earlier one.
   */
  void recordVmConfiguration(long backupId, VmConfiguration configuration, String file);

  /** Marks the backup and its disks failed; they are never used as parents. */
  void failBackup(long backupId, String reason);
}
