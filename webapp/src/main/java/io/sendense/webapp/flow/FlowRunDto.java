package io.sendense.webapp.flow;

import java.time.Instant;
import java.util.List;

/** One run of a flow with the outcome of each VM and links to their jobs. */
public record FlowRunDto(
    long id,
    long flowId,
    String flowName,
    String trigger,
    String triggeredBy,
    String status,
    Instant startedAt,
    Instant completedAt,
    int vmsTotal,
    int vmsSucceeded,
    int vmsFailed,
    int progressPercent,
    String message,
    List<VmRun> vms) {

  /** One VM of the run. */
  public record VmRun(
      Long vmId,
      String vmName,
      String status,
      Long jobId,
      Long jobExecutionId,
      Long backupId,
      String message,
      Instant startedAt,
      Instant completedAt) {}
}
