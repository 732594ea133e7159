package io.sendense.webapp.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LifecycleSchedulerTest {
  @Test
  void theSweepRunsAtItsHourTodayOrElseTomorrow() {
    assertEquals(
        Instant.parse("2026-03-29T03:00:00Z"),
        LifecycleScheduler.nextSweep(Instant.parse("2026-03-29T02:59:59Z"), 3));
    assertEquals(
        Instant.parse("2026-03-30T03:00:00Z"),
        LifecycleScheduler.nextSweep(Instant.parse("2026-03-29T03:00:00Z"), 3));
    assertEquals(
        Instant.parse("2026-03-30T00:00:00Z"),
        LifecycleScheduler.nextSweep(Instant.parse("2026-03-29T23:10:00Z"), 24));
  }
}
