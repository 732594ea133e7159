package io.sendense.webapp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentCountsTest {
  private final MutableClock clock = new MutableClock("2026-12-07T01:00:00Z");
  private final RecentCounts counts = new RecentCounts(clock);
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong counted = new AtomicLong();

  private long total(Object query) {
    return counts.total(
        query,
        () -> {
          counted.incrementAndGet();
          return rows.get();
        });
  }

  @Test
  void aLargeCountIsReusedUntilItIsTenSecondsOld() {
    rows.set(500_000);
    assertEquals(500_000, total(List.of("jobs", "all")));
    rows.set(500_003);
    clock.advance(RecentCounts.KEPT.minusMillis(1));
    assertEquals(500_000, total(List.of("jobs", "all")));
    assertEquals(1, counted.get());
    clock.advance(Duration.ofMillis(1));
    assertEquals(500_003, total(List.of("jobs", "all")));
    assertEquals(2, counted.get());
  }

  @Test
  void aSmallCountIsAlwaysExact() {
    rows.set(RecentCounts.LARGE - 1);
    assertEquals(RecentCounts.LARGE - 1, total("backups"));
    rows.set(RecentCounts.LARGE - 2);
    assertEquals(RecentCounts.LARGE - 2, total("backups"));
    assertEquals(2, counted.get());
  }

  @Test
  void eachQueryHasItsOwnCount() {
    rows.set(20_000);
    assertEquals(20_000, total(List.of("backups", "COMPLETE")));
    rows.set(30_000);
    assertEquals(30_000, total(List.of("backups", "FAILED")));
    assertEquals(20_000, total(List.of("backups", "COMPLETE")));
    assertEquals(2, counted.get());
  }
}
