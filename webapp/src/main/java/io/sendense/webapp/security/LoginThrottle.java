package io.sendense.webapp.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed logins for one user name from one
 * address within {@code window}, further attempts are refused until the window has passed.
 */
public final class LoginThrottle {
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** How long {@code user} from {@code address} must wait, or zero if it may try now. */
  public Duration retryAfter(String user, String address) {
    Deque<Instant> recent = failures.get(key(user, address));
    if (recent == null) {
      return Duration.ZERO;
    }
    synchronized (recent) {
      prune(recent);
      if (recent.size() < maxFailures) {
        return Duration.ZERO;
      }
      return Duration.between(clock.instant(), recent.peekFirst().plus(window));
    }
  }

  public void failed(String user, String address) {
    Deque<Instant> recent = failures.computeIfAbsent(key(user, address), k -> new ArrayDeque<>());
    synchronized (recent) {
      prune(recent);
      recent.addLast(clock.instant());
    }
  }

  public void succeeded(String user, String address) {
    failures.remove(key(user, address));
  }

  private void prune(Deque<Instant> recent) {
    Instant cutoff = clock.instant().minus(window);
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
      recent.removeFirst();
    }
  }

  private static String key(String user, String address) {
    return String.valueOf(user).toLowerCase() + "|" + address;
  }
}
