package io.sendense.batch.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A backup as recorded in the catalog.
 *
 * @param backupId the catalog's id
 * @param jobInstanceId the batch job instance that makes it
 * @param vmId the VM
 * @param repositoryId the target repository
 * @param started when the first execution started
 * @param disks the planned disks
 * @param status where it stands
 */
public record BackupRecord(
    long backupId,
    long jobInstanceId,
    String vmId,
    String repositoryId,
    Instant started,
    List<PlannedDisk> disks,
    BackupStatus status) {

  public BackupRecord {
    Objects.requireNonNull(vmId, "vmId");
    Objects.requireNonNull(repositoryId, "repositoryId");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(status, "status");
    disks = List.copyOf(disks);
  }

  /**
   * The planned disk with this key.
   *
   * @throws IllegalArgumentException if the backup has no such disk
   */
  public PlannedDisk disk(int key) {
    return disks.stream()
        .filter(d -> d.diskKey() == key)
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("Backup " + backupId + " has no disk " + key));
  }
}
