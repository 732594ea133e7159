package io.sendense.batch.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One progress report of a backup job.
 *
 * @param jobExecutionId the execution reporting
 * @param vmId the VM
 * @param phase where the job is
 * @param bytesDone bytes transferred in this execution, all disks
 * @param bytesTotal bytes to transfer in this execution, all disks known so far
 * @param bytesPerSecond average transfer rate of this execution
 * @param eta estimated time left for the transfer, or null when unknown
 * @param disks per-disk progress
 * @param at when the report was made
 */
public record BackupProgress(
    long jobExecutionId,
    String vmId,
    BackupPhase phase,
    long bytesDone,
    long bytesTotal,
    double bytesPerSecond,
    Duration eta,
    List<DiskProgress> disks,
    Instant at) {

  public BackupProgress {
    Objects.requireNonNull(vmId, "vmId");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(at, "at");
    disks = List.copyOf(disks);
  }
}
