package io.sendense.batch.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A backup to record when a job starts.
 *
 * @param jobInstanceId the batch job instance (stable across restarts)
 * @param jobExecutionId the first execution
 * @param vmId the VM
 * @param repositoryId the target repository
 * @param requestedType what the caller asked for
 * @param started when the job started
 * @param disks one entry per disk
 */
public record NewBackup(
    long jobInstanceId,
    long jobExecutionId,
    String vmId,
    String repositoryId,
    BackupType requestedType,
    Instant started,
    List<PlannedDisk> disks) {

  public NewBackup {
    Objects.requireNonNull(vmId, "vmId");
    Objects.requireNonNull(repositoryId, "repositoryId");
    Objects.requireNonNull(requestedType, "requestedType");
    Objects.requireNonNull(started, "started");
    disks = List.copyOf(disks);
  }
}
