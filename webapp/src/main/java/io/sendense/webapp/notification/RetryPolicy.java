package io.sendense.webapp.notification;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed delivery is tried again: after {@code base}, then twice as long each time, at most
 * {@code max} apart, for at most {@code attempts} attempts in all.
 */
public record RetryPolicy(Duration base, Duration max, int attempts) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 8);

  /** The next attempt after {@code attempt} (1 = the first) failed, or null to give up. */
  public Instant next(int attempt, Instant now) {
    if (attempt >= attempts) {
      return null;
    }
    long factor = 1L << Math.min(30, Math.max(0, attempt - 1));
    Duration wait = base.multipliedBy(factor);
    return now.plus(wait.compareTo(max) > 0 ? max : wait);
  }
}
