package io.sendense.webapp.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password and token guessing. Within {@code window}, an address that failed {@code perUser}
 * times for one user name, or {@code perAddress} times over all user names, is refused until its
 * oldest counted failure leaves the window. Memory is bounded: at most {@code maxEntries} keys are
 * tracked; when full, expired keys go first, then the least recently failed.
 */
public final class LoginThrottle {
  private final int perUser;
  private final int perAddress;
  private final Duration window;
  private final int maxEntries;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(int perUser, int perAddress, Duration window, int maxEntries, Clock clock) {
    if (perUser < 1 || perAddress < perUser || maxEntries < 2) {
      throw new IllegalArgumentException(
          "need 1 <= perUser <= perAddress and maxEntries >= 2: " + perUser + ", " + perAddress);
    }
    this.perUser = perUser;
    this.perAddress = perAddress;
    this.window = window;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /** How long {@code user} from {@code address} must wait, or zero if it may try now. */
  public Duration retryAfter(String user, String address) {
    Duration byUser = wait(userKey(user, address), perUser);
    Duration byAddress = wait(addressKey(address), perAddress);
    return byUser.compareTo(byAddress) >= 0 ? byUser : byAddress;
  }

  /**
   * Counts a failure.
   *
   * @return whether this failure is the one that starts a refusal (for the audit)
   */
  public boolean failed(String user, String address) {
    boolean before = !retryAfter(user, address).isZero();
    add(userKey(user, address), perUser);
    add(addressKey(address), perAddress);
    return !before && !retryAfter(user, address).isZero();
  }

  /** A success forgets the user's failures from that address (not the address's total). */
  public void succeeded(String user, String address) {
    failures.remove(userKey(user, address));
  }

  /** Keys tracked now (for tests and the bound). */
  public int size() {
    return failures.size();
  }

  /** Drops keys whose failures all left the window. */
  public void prune() {
    Instant cutoff = clock.instant().minus(window);
    failures
        .values()
        .removeIf(
            recent -> {
              synchronized (recent) {
                return recent.isEmpty() || !recent.peekLast().isAfter(cutoff);
              }
            });
  }

  private Duration wait(String key, int limit) {
    Deque<Instant> recent = failures.get(key);
    if (recent == null) {
      return Duration.ZERO;
    }
    synchronized (recent) {
      prune(recent);
      if (recent.size() < limit) {
        return Duration.ZERO;
      }
      Duration wait = Duration.between(clock.instant(), recent.peekFirst().plus(window));
      return wait.isNegative() ? Duration.ZERO : wait;
    }
  }

  private void add(String key, int limit) {
    if (failures.size() >= maxEntries && !failures.containsKey(key)) {
      makeRoom();
    }
    Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (recent) {
      prune(recent);
      recent.addLast(clock.instant());
      while (recent.size() > limit) {
        recent.removeFirst();
      }
    }
  }

  private synchronized void makeRoom() {
    prune();
    if (failures.size() < maxEntries) {
      return;
    }
    int excess = failures.size() - maxEntries + Math.max(1, maxEntries / 10);
    failures.entrySet().stream()
        .sorted(Comparator.comparing(e -> last(e.getValue())))
        .limit(excess)
        .map(Map.Entry::getKey)
        .toList()
        .forEach(failures::remove);
  }

  private static Instant last(Deque<Instant> recent) {
    synchronized (recent) {
      return recent.isEmpty() ? Instant.MIN : recent.peekLast();
    }
  }

  private void prune(Deque<Instant> recent) {
    Instant cutoff = clock.instant().minus(window);
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
      recent.removeFirst();
    }
  }

  private static String userKey(String user, String address) {
    return "u|" + String.valueOf(user).toLowerCase(Locale.ROOT) + "|" + address;
  }

  private static String addressKey(String address) {
    return "a|" + address;
  }
}
