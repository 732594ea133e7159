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
   * that disk whose backup is {@link BackupStatus#COMPLETE}, with its change id if it has one (an
   * incremental on a parent without one compares content). Failed and running points are never
   * returned.
   */
  Optional<ParentPoint> latestCompletePoint(String vmId, int diskKey, String repositoryId);

  /** Records a new backup (status {@link BackupStatus#RUNNING}) with one record per disk. */
  BackupRecord createBackup(NewBackup backup);

  /** The backup that the job instance created or resumed, if its prepare step has run. */
  Optional<BackupRecord> backupOfJob(long jobInstanceId);

  /**
   * Hands a backup that did not complete to a new job instance that resumes it (after a crash of
   * the runtime, or a restart by the host): from now on {@link #backupOfJob} finds it by the new
   * instance, and it is {@link BackupStatus#RUNNING} again. Its disks' transfer states stay.
   *
   * @throws IllegalArgumentException if there is no such backup
   * @throws IllegalStateException if the backup is complete
   */
  BackupRecord resumeBackup(long backupId, long jobInstanceId, long jobExecutionId);

  /** Marks a failed backup {@link BackupStatus#RUNNING} again: its job was restarted. */
  void backupRestarted(long backupId, long jobExecutionId);

  /**
   * Records a disk's committed transfer state (the checkpoint a restart continues from); called
   * after each chunk is in the image and when the disk's ranges are exhausted.
   */
  void transferCommitted(long backupId, DiskTransfer transfer);

  /** The last {@link #transferCommitted} record of a disk, if any. */
  Optional<DiskTransfer> transferOf(long backupId, int diskKey);

  /**
   * Marks the backup and its disks complete with their results; they may now be parents. The
   * results' image facts carry no SHA-256 (the job does not hash): the host records each image's
   * hash after this call, and until then keeps the images "hash pending" (neither verified nor
   * corrupt).
   */
  void completeBackup(long backupId, List<DiskResult> results);

  /**
   * Records the VM's configuration as of the backup's snapshot and the repository file that holds
   * it; a restarted backup records its new snapshot's, replacing the earlier one.
   */
  void recordVmConfiguration(long backupId, VmConfiguration configuration, String file);

  /** Marks the backup and its disks failed; they are never used as parents. */
  void failBackup(long backupId, String reason);
}
