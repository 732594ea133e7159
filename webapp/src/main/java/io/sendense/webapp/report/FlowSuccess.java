package io.sendense.webapp.report;

import io.sendense.persistence.flow.ExecutionStatus;
import java.util.Map;

/**
 * One flow in the success report over the last {@code days}: runs that ended (success, partial,
 * failed; skipped runs did not run and are counted apart) and the share that succeeded, in percent
 * with one decimal (null when no run ended).
 */
public record FlowSuccess(
    long flowId,
    String flowName,
    boolean enabled,
    int days,
    long runs,
    long succeeded,
    long partial,
    long failed,
    long skipped,
    Double successRatePercent) {

  /** The row of one flow from its counts per status. */
  static FlowSuccess of(
      long id, String name, boolean enabled, int days, Map<ExecutionStatus, Long> counts) {
    long ok = counts.getOrDefault(ExecutionStatus.SUCCESS, 0L);
    long partial = counts.getOrDefault(ExecutionStatus.PARTIAL, 0L);
    long failed = counts.getOrDefault(ExecutionStatus.FAILED, 0L);
    long skipped = counts.getOrDefault(ExecutionStatus.SKIPPED, 0L);
    long runs = ok + partial + failed;
    Double rate = runs == 0 ? null : Math.round(ok * 1000.0 / runs) / 10.0;
    return new FlowSuccess(id, name, enabled, days, runs, ok, partial, failed, skipped, rate);
  }
}
