package io.sendense.webapp.job;

import java.time.Duration;
import java.time.Instant;

/**
 * A backup job as the console shows it: its latest batch execution, progress while it runs, the
 * error when it failed, and how its restore point found its data (see {@code BackupDto}) once it
 * completed. {@code executionId} is null while the job waits in the queue; {@code nodeName} names
 * the node that runs (or ran) it, or that a queued job is placed on, null for the hub; {@code
 * waitReason} says why a queued job waits (for a node job: the node's state or limit).
 */
public record JobDto(
    long id,
    String jobName,
    Long executionId,
    Long instanceId,
    int executions,
    long vmId,
    String vmName,
    long repositoryId,
    String repositoryName,
    Long flowId,
    String flowName,
    Long flowExecutionId,
    Long backupId,
    String requestedType,
    String requestedBy,
    String status,
    String phase,
    String waitReason,
    Instant queuedAt,
    Instant startedAt,
    Instant endedAt,
    long bytesDone,
    long bytesTotal,
    long rateBps,
    Long etaSeconds,
    String error,
    String changeTracking,
    String changeTrackingReason,
    String nodeName) {

  /** Run time until {@code now}, or in total once ended; null before the start. */
  public Long durationMs(Instant now) {
    if (startedAt == null) {
      return null;
    }
    return Duration.between(startedAt, endedAt == null ? now : endedAt).toMillis();
  }

  /** Progress in percent, 0..100. */
  public int percent() {
    if ("COMPLETED".equals(status)) {
      return 100;
    }
    return bytesTotal <= 0 ? 0 : (int) Math.min(100, bytesDone * 100 / bytesTotal);
  }

  public boolean running() {
    return "RUNNING".equals(status);
  }

  public boolean queued() {
    return "QUEUED".equals(status);
  }

  /** Whether a restart (from the checkpoint) or abandon is possible. */
  public boolean restartable() {
    return "FAILED".equals(status) || "STOPPED".equals(status);
  }

  /** Whether the row is a VM restore rather than a backup job. */
  public boolean restore() {
    return RestoreRows.JOB_NAME.equals(jobName);
  }
}
