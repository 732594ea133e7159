package io.sendense.webapp.flow;

import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.webapp.lifecycle.DailySweep;
import io.sendense.webapp.lifecycle.LifecycleWorker;
import io.sendense.webapp.retention.RetentionEngine;
import io.sendense.webapp.retention.RetentionPlans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Applies a flow's retention after each run of it that made points (SUCCESS or PARTIAL), once the
 * run's end is committed, on the lifecycle worker; and for every flow with rules at the daily
 * sweep.
 */
@ApplicationScoped
public class RetentionTrigger {
  @Inject LifecycleWorker worker;
  @Inject RetentionEngine engine;
  @Inject RetentionPlans plans;

  void onRunEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) FlowRunEnded run) {
    if (run.status() == ExecutionStatus.SUCCESS || run.status() == ExecutionStatus.PARTIAL) {
      apply(run.flowId());
    }
  }

  /** Queues retention of one flow. */
  public void apply(long flowId) {
    worker.submit("retention:" + flowId, () -> engine.apply(flowId));
  }

  /** Queues retention of every flow that has rules. */
  void sweep(@Observes DailySweep sweep) {
    plans.flowsWithRules().forEach(this::apply);
  }
}
