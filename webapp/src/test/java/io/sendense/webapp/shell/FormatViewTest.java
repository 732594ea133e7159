package io.sendense.webapp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatViewTest {
  private final FormatView format = new FormatView();

  @Test
  void bytesUseBinaryUnitsWithOneDecimal() {
    assertEquals("-", format.bytes(null));
    assertEquals("1023 B", format.bytes(1023L));
    assertEquals("1.0 KiB", format.bytes(1024L));
    assertEquals("1.5 GiB", format.bytes(3L << 29));
    assertEquals("2.0 TiB", format.bytes(2L << 40));
  }

  @Test
  void withoutASessionTimesAreInUtcAndDurationsInHumanUnits() {
    FormatView utc = new FormatView();
    utc.clock =
        java.time.Clock.fixed(
            java.time.Instant.parse("2026-12-05T12:07:30Z"), java.time.ZoneOffset.UTC);
    assertEquals(
        "today 12:05 (2 min ago)", utc.when(java.time.Instant.parse("2026-12-05T12:05:00Z")));
    assertEquals(
        "2026-12-05T12:05:00Z UTC", utc.exact(java.time.Instant.parse("2026-12-05T12:05:00Z")));
    assertEquals("2 min 30 s", utc.between(java.time.Instant.parse("2026-12-05T12:05:00Z"), null));
    assertEquals("1 h 1 min", utc.millis(3_660_000L));
    assertEquals(
        "2026-12-05 12:05 UTC", utc.instant(java.time.Instant.parse("2026-12-05T12:05:00Z")));
    assertEquals("-", utc.millis(null));
  }

  @Test
  void trackingNamesTheWayAPointFoundItsData() {
    assertEquals("-", format.tracking(null));
    assertEquals("CBT", format.tracking("CBT"));
    assertEquals("Content compare", format.tracking("CONTENT_COMPARE"));
    assertEquals("Full", format.tracking("NONE_FULL"));
  }
}
