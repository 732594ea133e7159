package io.sendense.webapp.immutability;

import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.repository.ImmutableDays;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules of immutable points, free of the container: when a new point's lock ends, whether it
 * still holds, and that a lock is extended but never shortened.
 */
public final class LockRules {
  /** The longest lock the hub accepts: ten years. */
  public static final int MAX_DAYS = ImmutableDays.MAX;

  private LockRules() {}

  /** When the lock of a point completed at {@code completedAt} ends, or null when days is 0. */
  public static Instant until(Instant completedAt, int days) {
    return days <= 0 ? null : completedAt.plus(Duration.ofDays(days));
  }

  /** Whether a point locked until {@code until} is still immutable at {@code now}. */
  public static boolean holds(Instant until, Instant now) {
    return until != null && now.isBefore(until);
  }

  /**
   * The new end of a lock asked to end at {@code requested}: refused when it would end sooner than
   * the lock it replaces (a lock is never shortened) or lie in the past.
   */
  public static Instant extended(Instant current, Instant requested, Instant now) {
    if (requested == null) {
      throw new Refusal(400, "until is required (an ISO-8601 instant, e.g. 2030-01-31T00:00:00Z)");
    }
    if (!requested.isAfter(now)) {
      throw new Refusal(400, "until must lie in the future, not " + requested);
    }
    if (requested.isAfter(now.plus(Duration.ofDays(MAX_DAYS)))) {
      throw new Refusal(400, "until must lie within " + MAX_DAYS + " days");
    }
    if (current != null && requested.isBefore(current)) {
      throw new Refusal(
          409,
          "The point is immutable until "
              + current
              + "; a lock can be extended, never shortened (asked: "
              + requested
              + ")");
    }
    return current != null && current.isAfter(requested) ? current : requested;
  }

  /** The refusal for a change to a point that is immutable until {@code until}. */
  public static Refusal refusal(long backupId, String what, Instant until) {
    return new Refusal(
        409,
        "Backup "
            + backupId
            + " is immutable until "
            + until
            + "; it cannot be "
            + what
            + " before then");
  }
}
