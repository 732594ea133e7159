package io.sendense.webapp.job;

import java.time.Instant;

/**
 * What the job console and {@code GET /api/v1/jobs} ask {@link JobService} for: a status name
 * (blank for any; checked by the service), a VM name fragment or VM id, a flow or flow run, a time
 * window of queueing, and how many rows at most. Views and resources build this, never the store's
 * filter.
 */
public record JobQuery(
    String status,
    String vmName,
    Long vmId,
    Long flowId,
    Long flowExecutionId,
    Instant from,
    Instant to,
    int limit) {

  /** The same question, at most {@code newLimit} rows. */
  public JobQuery withLimit(int newLimit) {
    return new JobQuery(status, vmName, vmId, flowId, flowExecutionId, from, to, newLimit);
  }
}
