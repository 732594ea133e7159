package io.sendense.webapp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SlaReportTest {
  static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  static final long DAY = 86_400;

  private static NavigableSet<Instant> at(Instant... points) {
    return new TreeSet<>(List.of(points));
  }

  private static Instant daysAgo(double days) {
    return NOW.minus(Duration.ofSeconds((long) (days * DAY)));
  }

  @Test
  void eachDailySampleChecksTheNewestPointBeforeIt() {
    // Daily RPO, covered for a month; points 0.5, 1.2 and 4.9 days ago.
    // Samples now (0.5 d old: met), -1 d (newest before it 1.2 d ago: 0.2 d old, met),
    // -2 d and -3 d (newest before them 4.9 d ago: 2.9 d and 1.9 d old): missed, -4 d (0.9 d
    // old): met, -5 d and -6 d (no point before them): missed. 3 of 7.
    SlaReport.Measured vm = new SlaReport.Measured(1, "db", DAY, daysAgo(30));
    Sla sla =
        SlaReport.of(List.of(vm), Map.of(1L, at(daysAgo(0.5), daysAgo(1.2), daysAgo(4.9))), NOW, 7);
    assertEquals(new VmSla(1, "db", 7, 3, 42.9), sla.vms().get(0));
    assertEquals(7, sla.samples());
    assertEquals(3, sla.met());
    assertEquals(42.9, sla.percent());
    assertEquals(NOW, sla.generatedAt());
    assertEquals(7, sla.days());
  }

  @Test
  void aPointExactlyOneTargetOldStillMeetsIt() {
    SlaReport.Measured vm = new SlaReport.Measured(1, "db", 3600, daysAgo(10));
    Sla sla = SlaReport.of(List.of(vm), Map.of(1L, at(NOW.minusSeconds(3600))), NOW, 1);
    assertEquals(1, sla.met());
    Sla late = SlaReport.of(List.of(vm), Map.of(1L, at(NOW.minusSeconds(3601))), NOW, 1);
    assertEquals(0, late.met());
    assertEquals(0.0, late.percent());
  }

  @Test
  void aVmCountsFromOneTargetAfterItsFlowWasCreated() {
    // Covered 2.5 days ago with a daily target: samples now and -1 d count (1.5 d >= 1 d),
    // -2 d is 0.5 d after the creation, within its first period: not counted.
    SlaReport.Measured vm = new SlaReport.Measured(4, "web", DAY, daysAgo(2.5));
    Sla sla = SlaReport.of(List.of(vm), Map.of(4L, at(daysAgo(0.1))), NOW, 30);
    assertEquals(new VmSla(4, "web", 2, 1, 50.0), sla.vms().get(0));
    SlaReport.Measured fresh = new SlaReport.Measured(5, "new", DAY, NOW.minusSeconds(60));
    Sla none = SlaReport.of(List.of(fresh), Map.of(), NOW, 30);
    assertEquals(new VmSla(5, "new", 0, 0, null), none.vms().get(0));
    assertNull(none.percent());
  }

  @Test
  void theTotalSumsTheVmsSamples() {
    SlaReport.Measured a = new SlaReport.Measured(1, "a", DAY, daysAgo(100));
    SlaReport.Measured b = new SlaReport.Measured(2, "b", 6 * 3600, daysAgo(100));
    Map<Long, NavigableSet<Instant>> points =
        Map.of(
            1L, at(daysAgo(0.5), daysAgo(1.5), daysAgo(2.5)),
            2L, at(NOW.minusSeconds(7200)));
    Sla sla = SlaReport.of(List.of(a, b), points, NOW, 3);
    assertEquals(new VmSla(1, "a", 3, 3, 100.0), sla.vms().get(0));
    assertEquals(new VmSla(2, "b", 3, 1, 33.3), sla.vms().get(1));
    assertEquals(6, sla.samples());
    assertEquals(4, sla.met());
    assertEquals(66.7, sla.percent());
  }
}
