package io.sendense.webapp.flow;

import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowExecutionVm;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.flow.VmRunStatus;
import java.time.Instant;
import java.util.List;

/**
 * Rolls the end of one VM's backup up into its flow execution and flow: the execution ends only
 * when every VM has, as SUCCESS, PARTIAL (some failed) or FAILED (all failed). Pure, so it is
 * tested without a container; the caller holds the execution's row lock.
 */
public final class ExecutionRollup {
  private ExecutionRollup() {}

  /**
   * Records that {@code run} ended. A second report of the same end (an event delivered twice, or
   * after a start failure was recorded) changes nothing.
   *
   * @return whether the execution ended with this VM
   */
  public static boolean vmEnded(
      ProtectionFlow flow,
      FlowExecution execution,
      List<FlowExecutionVm> runs,
      FlowExecutionVm run,
      boolean succeeded,
      String error,
      Instant now) {
    if (run.getStatus().ended()) {
      return false;
    }
    run.setStatus(succeeded ? VmRunStatus.SUCCESS : VmRunStatus.FAILED);
    run.setMessage(succeeded ? null : (error == null ? "The backup job failed" : error));
    run.setCompletedAt(now);
    if (succeeded) {
      execution.setVmsSucceeded(execution.getVmsSucceeded() + 1);
    } else {
      execution.setVmsFailed(execution.getVmsFailed() + 1);
    }
    boolean allEnded = runs.stream().allMatch(r -> r.getStatus().ended());
    if (!allEnded || execution.isEnded()) {
      return false;
    }
    finish(flow, execution, runs, now);
    return true;
  }

  /** Ends an execution whose VMs have all ended, and counts it on the flow. */
  public static void finish(
      ProtectionFlow flow, FlowExecution execution, List<FlowExecutionVm> runs, Instant now) {
    int failed = execution.getVmsFailed();
    int total = execution.getVmsTotal();
    ExecutionStatus status =
        failed == 0
            ? ExecutionStatus.SUCCESS
            : (execution.getVmsSucceeded() == 0 ? ExecutionStatus.FAILED : ExecutionStatus.PARTIAL);
    execution.setStatus(status);
    execution.setCompletedAt(now);
    if (failed > 0) {
      String first =
          runs.stream()
              .filter(r -> r.getStatus() == VmRunStatus.FAILED)
              .map(r -> r.getVmName() + ": " + r.getMessage())
              .findFirst()
              .orElse("");
      execution.setMessage(failed + " of " + total + " VM(s) failed. " + first);
    }
    flow.setLastStatus(status);
    flow.setLastMessage(execution.getMessage());
    if (status == ExecutionStatus.SUCCESS) {
      flow.setRunsSucceeded(flow.getRunsSucceeded() + 1);
    } else {
      flow.setRunsFailed(flow.getRunsFailed() + 1);
    }
  }
}
