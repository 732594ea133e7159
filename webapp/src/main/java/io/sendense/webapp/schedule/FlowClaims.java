package io.sendense.webapp.schedule;

import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.flow.TriggerKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The scheduler's catalog work, each call its own transaction so a claim commits at once. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class FlowClaims {
  @Inject FlowStore store;
  @Inject Event<FlowRunMissed> missedRun;

  public List<SchedulerTick.DueFlow> due(Instant now) {
    return store.due(now).stream()
        .filter(f -> f.getCronSchedule() != null)
        .map(
            f ->
                new SchedulerTick.DueFlow(
                    f.getId(), f.getNextRunAt(), f.getCronSchedule(), f.getTimeZone()))
        .toList();
  }

  public boolean claim(long flowId, Instant expected, Instant next) {
    return store.claim(flowId, expected, next);
  }

  /** Notes in the history a run missed while the hub was down and not made up (catch-up off). */
  public void missed(long flowId, Instant plannedAt) {
    ProtectionFlow flow = store.byId(flowId).orElseThrow();
    FlowExecution execution = new FlowExecution();
    execution.setFlow(flow);
    execution.setTriggerKind(TriggerKind.SCHEDULE);
    execution.setTriggeredBy("scheduler");
    execution.setStatus(ExecutionStatus.SKIPPED);
    execution.setStartedAt(plannedAt);
    execution.setCompletedAt(Instant.now());
    execution.setMessage(
        "Missed: the hub was not running at " + plannedAt + " (catch-up is switched off)");
    store.saveExecution(execution);
    missedRun.fire(new FlowRunMissed(flowId, execution.getId(), plannedAt));
  }
}
