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

  /** Runs due flows; returns how many this hub started. */
  public int run(Instant now) {
    int started = 0;
    for (DueFlow flow : catalog.due(now)) {
      try {
        SchedulePlanner.Decision decision =
            planner.decide(flow.nextRunAt(), flow.cron(), flow.timeZone());
        if (!catalog.claim(flow.id(), flow.nextRunAt(), decision.nextRun())) {
          continue;
        }
        if (decision.runs()) {
          catalog.start(flow.id(), decision.trigger());
          started++;
        } else {
          catalog.missed(flow.id(), decision.plannedAt());
        }
      } catch (RuntimeException e) {
        // One broken flow must not stop the others; it is retried at its next run.
        LOG.log(Level.WARNING, "Scheduled run of flow " + flow.id() + " failed to start", e);
      }
    }
    return started;
  }

  /** A flow the catalog says is due. */
  public record DueFlow(long id, Instant nextRunAt, String cron, String timeZone) {}

  /** What the tick needs from the catalog and the flow engine. */
  public interface Catalog {
    List<DueFlow> due(Instant now);

    /** Moves the flow's next run from {@code expected} to {@code next}; false if another won. */
    boolean claim(long flowId, Instant expected, Instant next);

    void start(long flowId, TriggerKind trigger);

    /** Records a run that was missed and, with catch-up off, not made up for. */
    void missed(long flowId, Instant plannedAt);
  }
}
