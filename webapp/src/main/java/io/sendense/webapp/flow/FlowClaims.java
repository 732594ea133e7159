package io.sendense.webapp.flow;

import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.flow.TriggerKind;
import io.sendense.webapp.schedule.SchedulerTick;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The scheduler's catalog work, each call its own transaction so a claim commits at once. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class FlowClaims {
  /** Who the history names as having started scheduled runs. */
  static final String SCHEDULER = "scheduler";

  @Inject FlowStore store;
  @Inject ExecutionService executions;
  @Inject Clock clock;
  @Inject Event<FlowRunMissed> missedRun;
  @Inject Event<FlowRunEnded> runEnded;

  public List<SchedulerTick.DueFlow> due(Instant now) {
    return store.due(now).stream()
        .filter(f -> f.getCronSchedule() != null)
        .map(
            f ->
                new SchedulerTick.DueFlow(
                    f.getId(), f.getNextRunAt(), f.getCronSchedule(), f.getTimeZone()))
        .toList();
  }

  /**
   * Claims the run planned at {@code expected} (moving the flow's next run to {@code next}) and
   * opens its execution in the same transaction: either both commit or neither does, so a run is
   * never claimed without a trace. Empty when another hub claimed it first. Throws (nothing
   * committed) when the execution cannot be opened.
   */
  public Optional<ExecutionService.Opened> claimAndOpen(
      long flowId, Instant expected, Instant next, TriggerKind trigger) {
    if (!store.claim(flowId, expected, next)) {
      return Optional.empty();
    }
    return Optional.of(executions.open(flowId, trigger, SCHEDULER));
  }

  /**
   * Claims the run and records in the history that it could not start, with the reason; false when
   * another hub claimed it first (or the flow is gone).
   */
  public boolean claimNotStarted(
      long flowId, Instant expected, Instant next, TriggerKind trigger, String reason) {
    if (!store.claim(flowId, expected, next)) {
      return false;
    }
    ProtectionFlow flow = store.byId(flowId).orElseThrow();
    String message = "The scheduled run planned at " + expected + " could not start: " + reason;
    FlowExecution failed = record(flow, trigger, ExecutionStatus.FAILED, clock.instant(), message);
    runEnded.fire(new FlowRunEnded(flowId, failed.getId(), ExecutionStatus.FAILED));
    flow.setRunsTotal(flow.getRunsTotal() + 1);
    flow.setRunsFailed(flow.getRunsFailed() + 1);
    flow.setLastRunAt(clock.instant());
    flow.setLastStatus(ExecutionStatus.FAILED);
    flow.setLastMessage(message);
    return true;
  }

  /**
   * Claims the run and notes in the history that it was missed while the hub was down and not made
   * up (catch-up off); false when another hub claimed it first.
   */
  public boolean claimMissed(long flowId, Instant expected, Instant next, Instant plannedAt) {
    if (!store.claim(flowId, expected, next)) {
      return false;
    }
    FlowExecution missed =
        record(
            store.byId(flowId).orElseThrow(),
            TriggerKind.SCHEDULE,
            ExecutionStatus.SKIPPED,
            plannedAt,
            "Missed: the hub was not running at " + plannedAt + " (catch-up is switched off)");
    missedRun.fire(new FlowRunMissed(flowId, missed.getId(), plannedAt));
    return true;
  }

  private FlowExecution record(
      ProtectionFlow flow,
      TriggerKind trigger,
      ExecutionStatus status,
      Instant startedAt,
      String message) {
    FlowExecution execution = new FlowExecution();
    execution.setFlow(flow);
    execution.setTriggerKind(trigger);
    execution.setTriggeredBy(SCHEDULER);
    execution.setStatus(status);
    execution.setStartedAt(startedAt);
    execution.setCompletedAt(clock.instant());
    execution.setMessage(message);
    return store.saveExecution(execution);
  }
}
