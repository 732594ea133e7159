package io.sendense.webapp.schedule;

import io.sendense.persistence.flow.TriggerKind;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pass of the scheduler: for every due flow, claim the run in the catalog (only one hub wins)
 * and start it. Kept free of the container so tests drive it with a fixed clock.
 */
public final class SchedulerTick {
  private static final Logger LOG = Logger.getLogger(SchedulerTick.class.getName());

  private final SchedulePlanner planner;
  private final Catalog catalog;

  public SchedulerTick(SchedulePlanner planner, Catalog catalog) {
    this.planner = planner;
    this.catalog = catalog;
  }

  /**
   * Runs due flows; returns how many this hub started. A run is claimed together with what happens
   * to it (opened, noted as missed, or noted as not started with the reason), so no run is claimed
   * without a trace; when even that cannot be written, nothing was claimed and the next tick tries
   * again.
   */
  public int run(Instant now) {
    int started = 0;
    for (DueFlow flow : catalog.due(now)) {
      try {
        SchedulePlanner.Decision decision =
            planner.decide(flow.nextRunAt(), flow.cron(), flow.timeZone());
        if (!decision.runs()) {
          catalog.claimMissed(
              flow.id(), flow.nextRunAt(), decision.nextRun(), decision.plannedAt());
        } else if (start(flow, decision)) {
          started++;
        }
      } catch (RuntimeException e) {
        // One broken flow must not stop the others; its run stays due for the next tick.
        LOG.log(Level.WARNING, "Scheduled run of flow " + flow.id() + " was not claimed", e);
      }
    }
    return started;
  }

  private boolean start(DueFlow flow, SchedulePlanner.Decision decision) {
    try {
      return catalog.claimAndStart(
          flow.id(), flow.nextRunAt(), decision.nextRun(), decision.trigger());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Scheduled run of flow " + flow.id() + " could not start", e);
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      catalog.claimNotStarted(
          flow.id(), flow.nextRunAt(), decision.nextRun(), decision.trigger(), reason);
      return false;
    }
  }

  /** A flow the catalog says is due. */
  public record DueFlow(long id, Instant nextRunAt, String cron, String timeZone) {}

  /**
   * What the tick needs from the catalog and the flow engine. Each claim moves the flow's next run
   * from {@code expected} to {@code next} only if no other hub did (compare and set), in one
   * transaction with what it records; each returns false when another hub won.
   */
  public interface Catalog {
    List<DueFlow> due(Instant now);

    /** Claims the run and starts it; throws, having claimed nothing, if it cannot be opened. */
    boolean claimAndStart(long flowId, Instant expected, Instant next, TriggerKind trigger);

    /** Claims the run and records that it could not start, with the reason. */
    boolean claimNotStarted(
        long flowId, Instant expected, Instant next, TriggerKind trigger, String reason);

    /** Claims a run that was missed and, with catch-up off, not made up for, and records it. */
    boolean claimMissed(long flowId, Instant expected, Instant next, Instant plannedAt);
  }
}
