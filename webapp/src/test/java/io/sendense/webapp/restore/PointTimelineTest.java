package io.sendense.webapp.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.webapp.backup.BackupDto;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointTimelineTest {

  private static BackupDto point(long id, String startedAt) {
    return new BackupDto(
        id,
        7,
        "vm",
        1,
        "repo",
        "FULL",
        "COMPLETE",
        Instant.parse(startedAt),
        null,
        null,
        0,
        0,
        1,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        null,
        null,
        null,
        null);
  }

  @Test
  void pointsAreGroupedByTheDayInTheUsersZoneNewestFirst() {
    // 23:30 UTC on the 6th is already the 7th in Paris; 22:30 UTC is still the 6th there.
    List<BackupDto> points =
        List.of(
            point(1, "2026-12-05T10:00:00Z"),
            point(2, "2026-12-06T22:30:00Z"),
            point(3, "2026-12-06T23:30:00Z"),
            point(4, "2026-12-07T08:00:00Z"));

    List<PointTimeline.Day> days = PointTimeline.days(points, ZoneId.of("Europe/Paris"));

    assertEquals(
        List.of("Monday 2026-12-07", "Sunday 2026-12-06", "Saturday 2026-12-05"),
        days.stream().map(PointTimeline.Day::label).toList());
    assertEquals(List.of(4L, 3L), days.get(0).points().stream().map(BackupDto::id).toList());
    assertEquals(List.of(2L), days.get(1).points().stream().map(BackupDto::id).toList());
    assertEquals("2026-12-05", days.get(2).iso());
  }

  @Test
  void inUtcTheLateEveningPointStaysOnItsDay() {
    List<PointTimeline.Day> days =
        PointTimeline.days(
            List.of(point(2, "2026-12-06T22:30:00Z"), point(3, "2026-12-06T23:30:00Z")),
            ZoneId.of("UTC"));

    assertEquals(
        List.of("Sunday 2026-12-06"), days.stream().map(PointTimeline.Day::label).toList());
    assertEquals(List.of(3L, 2L), days.get(0).points().stream().map(BackupDto::id).toList());
  }
}
