package io.sendense.webapp.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Aggregates failed and refused logins for the audit log, so that a guessing attack writes a few
 * rows a minute instead of one per attempt. The first failure of a user name from an address is
 * audited at once; later ones are counted and {@link #drain() drained} into one summary per key
 * (the hub drains every minute). A key is forgotten after {@code quiet} without attempts, so the
 * next failure after a quiet spell is audited at once again. Memory is bounded: past {@code
 * maxKeys} keys, further attempts are counted under one key for "many users / many addresses".
 */
public final class LoginFailureTally {
  static final String MANY = "(many)";

  /** Whose attempts a count is about. */
  public record Key(String user, String address, String outcome) {}

  /** Attempts counted since the last drain. */
  public record Summary(Key key, int count, Instant first, Instant last) {}

  private final int maxKeys;
  private final Duration quiet;
  private final Clock clock;
  private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

  private static final class Counter {
    int count;
    Instant first;
    Instant last;
    Instant seen;

    synchronized void add(Instant now) {
      count++;
      first = first == null ? now : first;
      last = now;
    }
  }

  public LoginFailureTally(int maxKeys, Duration quiet, Clock clock) {
    this.maxKeys = maxKeys;
    this.quiet = quiet;
    this.clock = clock;
  }

  /**
   * Notes one attempt.
   *
   * @return true if it is the first of its key (audit it now), false if it was counted into the
   *     next summary
   */
  public boolean first(Key key) {
    return note(key, false);
  }

  /** Counts an attempt for the next summary only (never audited on its own). */
  public void count(Key key) {
    note(key, true);
  }

  /** Forgets what was counted for {@code key} (an audit row already accounts for it). */
  public void reset(Key key) {
    Counter counter = counters.get(key);
    if (counter != null) {
      synchronized (counter) {
        counter.count = 0;
        counter.first = null;
        counter.last = null;
      }
    }
  }

  /**
   * The counts since the last drain (keys with nothing counted are left out); keys quiet for longer
   * than {@code quiet} are forgotten.
   */
  public List<Summary> drain() {
    List<Summary> out = new ArrayList<>();
    Instant forget = clock.instant().minus(quiet);
    for (Map.Entry<Key, Counter> entry : counters.entrySet()) {
      Counter counter = entry.getValue();
      synchronized (counter) {
        if (counter.count > 0) {
          out.add(new Summary(entry.getKey(), counter.count, counter.first, counter.last));
          counter.count = 0;
          counter.first = null;
          counter.last = null;
        }
        if (counter.seen.isBefore(forget)) {
          counters.remove(entry.getKey(), counter);
        }
      }
    }
    return out;
  }

  private boolean note(Key key, boolean countFirst) {
    Instant now = clock.instant();
    Key counted = counters.containsKey(key) || counters.size() < maxKeys ? key : overflow(key);
    boolean[] created = {false};
    Counter counter =
        counters.computeIfAbsent(
            counted,
            k -> {
              created[0] = true;
              return new Counter();
            });
    synchronized (counter) {
      counter.seen = now;
      boolean first = created[0] && counted == key;
      if (!first || countFirst) {
        counter.add(now);
      }
      return first && !countFirst;
    }
  }

  private static Key overflow(Key key) {
    return new Key(MANY, MANY, key.outcome());
  }
}
