package io.sendense.webapp.flow;

import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.webapp.retention.RetentionRules;
import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;

/**
 * A protection flow as the flows table and {@code /api/v1/protection-flows} show it.
 *
 * @param targetType {@code vm} or {@code group}
 * @param schedule the cron expression, or null for a manual-only flow
 * @param status what the table shows (see {@link FlowStatus})
 * @param lastStatus how the last run ended, null before the first
 * @param retentionCount the {@code last} rule of {@code retention} (kept for older clients)
 * @param retention which restore points the flow keeps per VM
 * @param lastMessage why the last execution ended as it did
 * @param running the execution in progress, or null
 * @param policyId the backup policy whose copy rules apply to the flow's points, or null
 * @param nodeId the node the flow is placed on (its repository's node still wins), or null
 */
public record FlowDto(
    long id,
    String name,
    String targetType,
    Long targetId,
    String targetName,
    long repositoryId,
    String repositoryName,
    String schedule,
    String timeZone,
    boolean enabled,
    Integer retentionCount,
    RetentionRules retention,
    FlowStatus status,
    ExecutionStatus lastStatus,
    String lastMessage,
    Instant lastRunAt,
    Instant nextRunAt,
    int runsTotal,
    int runsSucceeded,
    int runsFailed,
    RunningDto running,
    Long policyId,
    String policyName,
    Long nodeId,
    String nodeName) {

  @JsonbTransient
  public boolean isBusy() {
    return running != null;
  }

  /** The execution of a flow that is running now and how far it is. */
  public record RunningDto(
      long executionId, int vmsTotal, int vmsSucceeded, int vmsFailed, int progressPercent) {}
}
