package io.sendense.webapp.restore;

import io.sendense.webapp.backup.BackupDto;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Restore page's timeline of one VM's points: newest first, grouped by the day they started in
 * the user's time zone, so a person picks "the point of last Tuesday night" without reading a table
 * of timestamps.
 */
public final class PointTimeline {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE yyyy-MM-dd", Locale.ENGLISH);

  /** One day of the timeline: its heading ("Monday 2026-12-07") and its points, newest first. */
  public record Day(String label, String iso, List<BackupDto> points) implements Serializable {}

  private PointTimeline() {}

  /** {@code points} by day in {@code zone}, the newest day and point first. */
  public static List<Day> days(List<BackupDto> points, ZoneId zone) {
    List<BackupDto> newestFirst = new ArrayList<>(points);
    newestFirst.sort(
        Comparator.comparing(
                BackupDto::startedAt,
                Comparator.nullsLast(Comparator.<java.time.Instant>reverseOrder()))
            .thenComparing(Comparator.comparingLong(BackupDto::id).reversed()));
    Map<LocalDate, List<BackupDto>> byDay = new LinkedHashMap<>();
    for (BackupDto point : newestFirst) {
      LocalDate day =
          point.startedAt() == null ? LocalDate.MIN : point.startedAt().atZone(zone).toLocalDate();
      byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(point);
    }
    List<Day> days = new ArrayList<>();
    byDay.forEach(
        (day, list) ->
            days.add(
                day.equals(LocalDate.MIN)
                    ? new Day("Unknown day", "", List.copyOf(list))
                    : new Day(DAY.format(day), day.toString(), List.copyOf(list))));
    return days;
  }
}
