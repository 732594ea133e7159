package io.sendense.webapp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.webapp.report.CapacityForecast.Outlook;
import io.sendense.webapp.report.CapacityForecast.Reading;
import io.sendense.webapp.report.CapacityForecast.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityForecastTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final long GIB = 1L << 30;

  private static Reading at(double days, long free) {
    return new Reading(T0.plus(Duration.ofSeconds((long) (days * 86_400))), free);
  }

  @Test
  void steadyGrowthGivesTheDaysUntilFreeSpaceIsGone() {
    // 1 GiB a day taken over ten days, 90 GiB left now: full in 90 days.
    List<Reading> readings = new ArrayList<>();
    for (int d = 0; d <= 10; d++) {
      readings.add(at(d, 100 * GIB - d * GIB));
    }
    assertEquals(new Result(Outlook.FILLING, GIB, 90L), CapacityForecast.of(readings, 90 * GIB));
  }

  @Test
  void theLineFitsNoisyReadings() {
    // Free: 100, 98, 99, 96, 97 GiB on days 0..4: least squares slope -0.8 GiB a day;
    // 97 GiB left / 0.8 GiB a day = 121.25, so full in 121 days.
    List<Reading> readings =
        List.of(
            at(0, 100 * GIB), at(1, 98 * GIB), at(2, 99 * GIB), at(3, 96 * GIB), at(4, 97 * GIB));
    Result r = CapacityForecast.of(readings, 97 * GIB);
    assertEquals(Outlook.FILLING, r.outlook());
    assertEquals(Math.round(0.8 * GIB), r.growthBytesPerDay());
    assertEquals(121L, r.daysUntilFull());
  }

  @Test
  void freeSpaceThatStaysOrGrowsIsNotGrowing() {
    Result flat = CapacityForecast.of(List.of(at(0, 50 * GIB), at(2, 50 * GIB)), 50 * GIB);
    assertEquals(new Result(Outlook.NOT_GROWING, 0L, null), flat);
    Result freed = CapacityForecast.of(List.of(at(0, 50 * GIB), at(2, 60 * GIB)), 60 * GIB);
    assertEquals(Outlook.NOT_GROWING, freed.outlook());
    assertEquals(-5 * GIB, freed.growthBytesPerDay());
  }

  @Test
  void lessThanADayOfReadingsOrNoneMakeNoForecast() {
    assertEquals(
        new Result(Outlook.TOO_LITTLE_HISTORY, null, null),
        CapacityForecast.of(List.of(at(0, 9 * GIB), at(0.9, GIB)), GIB));
    assertEquals(
        new Result(Outlook.TOO_LITTLE_HISTORY, null, null),
        CapacityForecast.of(List.of(at(0, 9 * GIB)), 9 * GIB));
    assertEquals(new Result(Outlook.UNKNOWN, null, null), CapacityForecast.of(List.of(), null));
  }
}
