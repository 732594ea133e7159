package io.sendense.webapp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeTextTest {
  /**
   * 2026-12-05 12:07:30 UTC: 13:07:30 in Paris, 07:07:30 in New York, 01:07:30 (6th) in Auckland.
   */
  private static final Instant NOW = Instant.parse("2026-12-05T12:07:30Z");

  private static TimeText in(String zone) {
    return new TimeText(Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of(zone));
  }

  @Test
  void recentEventsSayTodayAndHowLongAgoInTheUsersZone() {
    assertEquals("today 13:05 (2 min ago)", in("Europe/Paris").when(NOW.minusSeconds(150)));
    assertEquals("today 07:05 (2 min ago)", in("America/New_York").when(NOW.minusSeconds(150)));
    assertEquals("today 13:07 (just now)", in("Europe/Paris").when(NOW.minusSeconds(20)));
    assertEquals(
        "today 10:07 (3 h ago)", in("Europe/Paris").when(NOW.minus(Duration.ofMinutes(180))));
  }

  @Test
  void theDayChangesWithTheZoneNotWithUtc() {
    // 11:00 UTC on the 5th is already the 6th in Auckland, where it is now 01:07 on the 6th.
    Instant elevenUtc = Instant.parse("2026-12-05T11:00:00Z");
    assertEquals("today 00:00 (1 h ago)", in("Pacific/Auckland").when(elevenUtc));
    assertEquals("today 12:00 (1 h ago)", in("Europe/Paris").when(elevenUtc));
    // 23:30 UTC on the 4th: yesterday in New York and in Auckland, today (just) in Paris.
    Instant lateLastNight = Instant.parse("2026-12-04T23:30:00Z");
    assertEquals("yesterday 18:30", in("America/New_York").when(lateLastNight));
    assertEquals("yesterday 12:30", in("Pacific/Auckland").when(lateLastNight));
    assertEquals("today 00:30", in("Europe/Paris").when(lateLastNight));
  }

  @Test
  void futureEventsSayTomorrowAndHowSoon() {
    assertEquals("today 15:07 (in 2 h)", in("Europe/Paris").when(NOW.plus(Duration.ofHours(2))));
    assertEquals(
        "today 13:08 (in less than a minute)", in("Europe/Paris").when(NOW.plusSeconds(40)));
    assertEquals("tomorrow 02:00", in("Europe/Paris").when(Instant.parse("2026-12-06T01:00:00Z")));
  }

  @Test
  void olderEventsShowTheDateAndTheYearOnlyWhenItDiffers() {
    assertEquals("3 Dec 09:15", in("Europe/Paris").when(Instant.parse("2026-12-03T08:15:00Z")));
    assertEquals("31 Dec 2025 23:59", in("UTC").when(Instant.parse("2025-12-31T23:59:00Z")));
    assertEquals("-", in("UTC").when(null));
  }

  @Test
  void exactTimeCarriesSecondsOffsetAndZoneName() {
    assertEquals(
        "2026-12-05T13:05:00+01:00 Europe/Paris", in("Europe/Paris").exact(NOW.minusSeconds(150)));
    assertEquals("2026-12-05T12:07:30Z UTC", in("UTC").exact(NOW));
    assertEquals("", in("UTC").exact(null));
    assertEquals("2026-12-05 08:07", in("America/New_York").stamp(NOW.plus(Duration.ofHours(1))));
  }

  @Test
  void durationsUseTheTwoLargestUnits() {
    assertEquals("0 s", TimeText.duration(Duration.ZERO));
    assertEquals("45 s", TimeText.duration(Duration.ofSeconds(45)));
    assertEquals("3 min 12 s", TimeText.duration(Duration.ofSeconds(192)));
    assertEquals("5 min", TimeText.duration(Duration.ofMinutes(5)));
    assertEquals("2 h 5 min", TimeText.duration(Duration.ofMinutes(125)));
    assertEquals("3 d 4 h", TimeText.duration(Duration.ofHours(76).plusMinutes(59)));
    assertEquals("-", TimeText.duration(null));
  }
}
