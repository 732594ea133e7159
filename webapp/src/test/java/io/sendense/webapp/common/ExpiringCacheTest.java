package io.sendense.webapp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {
  private final MutableClock clock = new MutableClock("2026-11-27T10:00:00Z");
  private final ExpiringCache<String, Integer> cache =
      new ExpiringCache<>(Duration.ofSeconds(5), 10, clock);

  @Test
  void entriesExpireAfterTheirTimeToLive() {
    cache.put("a", 1);
    clock.advance(Duration.ofSeconds(4));
    assertEquals(Optional.of(1), cache.get("a"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), cache.get("a"));
  }

  @Test
  void aFullCacheDropsTheEntriesClosestToExpiry() {
    for (int i = 0; i < 10; i++) {
      cache.put("k" + i, i);
      clock.advance(Duration.ofMillis(100));
    }
    cache.put("new", 99);
    assertTrue(cache.size() <= 10, "size " + cache.size());
    assertEquals(Optional.empty(), cache.get("k0"), "the oldest went first");
    assertEquals(Optional.of(9), cache.get("k9"));
    assertEquals(Optional.of(99), cache.get("new"));
  }
}
