package io.sendense.webapp.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded map whose entries expire: what authentication keeps in memory (verified credentials,
 * user states, tokens) must neither grow without bound under a flood of distinct keys nor outlive a
 * short time to live. When full, expired entries go first, then those closest to expiry.
 */
public final class ExpiringCache<K, V> {
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

  private record Entry<V>(V value, Instant expires) {}

  public ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
    if (maxEntries < 1 || ttl.isNegative()) {
      throw new IllegalArgumentException("maxEntries must be positive and ttl not negative");
    }
    this.ttl = ttl;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  public Optional<V> get(K key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.expires())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  public void put(K key, V value) {
    if (entries.size() >= maxEntries && !entries.containsKey(key)) {
      makeRoom();
    }
    entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
  }

  public void remove(K key) {
    entries.remove(key);
  }

  /** Removes every entry whose value matches. */
  public void removeIf(java.util.function.Predicate<V> match) {
    entries.values().removeIf(e -> match.test(e.value()));
  }

  public void clear() {
    entries.clear();
  }

  public int size() {
    return entries.size();
  }

  /** Drops expired entries; returns how many remain. */
  public int prune() {
    Instant now = clock.instant();
    entries.values().removeIf(e -> !now.isBefore(e.expires()));
    return entries.size();
  }

  private synchronized void makeRoom() {
    if (prune() < maxEntries) {
      return;
    }
    int excess = entries.size() - maxEntries + Math.max(1, maxEntries / 10);
    entries.entrySet().stream()
        .sorted(Comparator.comparing(e -> e.getValue().expires()))
        .limit(excess)
        .map(Map.Entry::getKey)
        .toList()
        .forEach(entries::remove);
  }
}
