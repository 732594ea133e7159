package io.sendense.webapp.schedule;

import io.sendense.persistence.flow.TriggerKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Decides what the scheduler does with a flow whose run is due, from the clock alone: run it now as
 * scheduled, run it once to catch up on runs missed while the hub was down, or (catch-up switched
 * off) only move on. The next run is always computed from now, so any number of missed runs
 * collapse into at most one.
 */
public final class SchedulePlanner {
  /** A run this much later than planned counts as missed rather than merely late. */
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(2);

  private final Clock clock;
  private final Duration grace;
  private final boolean catchUp;

  public SchedulePlanner(Clock clock, Duration grace, boolean catchUp) {
    this.clock = clock;
    this.grace = grace;
    this.catchUp = catchUp;
  }

  /** When a flow saved now with this schedule runs first; null for manual-only flows. */
  public Instant firstRun(String cron, String timeZone) {
    if (cron == null || cron.isBlank()) {
      return null;
    }
    return CronExpression.parse(cron).next(clock.instant(), ZoneId.of(timeZone)).orElse(null);
  }

  /** What to do with a flow planned for {@code plannedAt}, which is now due. */
  public Decision decide(Instant plannedAt, String cron, String timeZone) {
    Instant now = clock.instant();
    Instant next = firstRun(cron, timeZone);
    boolean missed = plannedAt.isBefore(now.minus(grace));
    if (!missed) {
      return new Decision(TriggerKind.SCHEDULE, next, plannedAt);
    }
    return new Decision(catchUp ? TriggerKind.CATCH_UP : null, next, plannedAt);
  }

  /**
   * The outcome for one due flow.
   *
   * @param trigger how to start it, or null to start nothing (a missed run without catch-up)
   * @param nextRun when it runs next, or null when the schedule never fires again
   * @param plannedAt when it should have run
   */
  public record Decision(TriggerKind trigger, Instant nextRun, Instant plannedAt) {
    public boolean runs() {
      return trigger != null;
    }
  }
}
