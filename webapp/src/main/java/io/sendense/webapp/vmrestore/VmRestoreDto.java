package io.sendense.webapp.vmrestore;

import io.sendense.persistence.restore.RestoreJobPhase;
import io.sendense.persistence.restore.RestoreJobStatus;
import io.sendense.plugin.api.source.VmPlacement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A VM restore as the API and pages show it.
 *
 * @param status QUEUED, RUNNING, COMPLETED or FAILED (a cancelled restore is FAILED, saying so)
 * @param vmId the new VM's id in the source once created
 * @param error why it failed
 * @param warning what did not go as asked in a completed restore (a VM that would not power on)
 * @param nodeName the node that runs (or ran) the restore; null: the hub
 * @param waitReason while it is queued, why it waits (the hub's restore limit, the node's state or
 *     job limit)
 */
public record VmRestoreDto(
    long id,
    RestoreJobStatus status,
    RestoreJobPhase phase,
    Long backupId,
    Long sourceVmContextId,
    String sourceVmName,
    Instant pointTime,
    Long sourceId,
    String name,
    String vmId,
    boolean powerOn,
    boolean replaceOriginal,
    VmPlacement placement,
    Map<String, String> networkMap,
    String diskProvisioning,
    ResolvedTarget target,
    List<Disk> disks,
    long bytesDone,
    long bytesTotal,
    long rateBps,
    Long etaSeconds,
    Instant queuedAt,
    Instant startedAt,
    Instant firstByteAt,
    Instant endedAt,
    int executions,
    int interruptions,
    String requestedBy,
    String error,
    String warning,
    String nodeName,
    String waitReason) {

  /** One disk of the restore. */
  public record Disk(int key, int index, String label, long capacityBytes, boolean uploaded) {}

  /** Progress in percent, 0..100. */
  public int percent() {
    if (status == RestoreJobStatus.COMPLETED) {
      return 100;
    }
    return bytesTotal <= 0 ? 0 : (int) Math.min(100, bytesDone * 100 / bytesTotal);
  }

  /** Milliseconds from the start of the job to the first byte written, when known. */
  public Long firstByteMs() {
    return startedAt == null || firstByteAt == null
        ? null
        : Duration.between(startedAt, firstByteAt).toMillis();
  }

  public boolean running() {
    return status == RestoreJobStatus.RUNNING;
  }

  public boolean ended() {
    return status.ended();
  }
}
