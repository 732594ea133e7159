package io.sendense.webapp.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which restore points of one VM a flow keeps, with the rules of restic's {@code forget}:
 * each rule on its own, and a point stays if any rule keeps it. {@code last N} keeps the N newest
 * points; {@code daily D} keeps the newest point of each of the D most recent days that have points
 * (days in the flow's time zone), and {@code weekly} (ISO weeks), {@code monthly} and {@code
 * yearly} the same per week, month and year. A period without points does not count, so a flow that
 * stopped running never loses its last points to the calendar; and because points are only ever
 * added at the new end, planning after every run keeps exactly what planning once at the end would
 * keep. Points newer than the clock (a clock set back) are always kept. Pure: the caller supplies
 * the points and the clock.
 */
public final class RetentionPlanner {
  private final Clock clock;

  public RetentionPlanner(Clock clock) {
    this.clock = clock;
  }

  /** A restore point to plan for: its catalog id and when it was taken. */
  public record Point(long id, Instant takenAt) {}

  /** A point that is kept, and the first rule that keeps it ("daily 2025-03-04"). */
  public record Kept(Point point, String reason) {}

  /** The decision: what stays (newest first) and what no rule keeps (oldest first). */
  public record Plan(List<Kept> kept, List<Point> removable) {}

  public Plan plan(List<Point> points, RetentionRules rules, ZoneId zone) {
    List<Point> newestFirst =
        points.stream()
            .sorted(Comparator.comparing(Point::takenAt).thenComparing(Point::id).reversed())
            .toList();
    Map<Point, String> kept = new LinkedHashMap<>();
    if (rules.keepsAll()) {
      newestFirst.forEach(p -> kept.put(p, "no retention rules"));
      return result(newestFirst, kept);
    }
    Instant now = clock.instant();
    newestFirst.stream()
        .filter(p -> p.takenAt().isAfter(now))
        .forEach(p -> kept.put(p, "newer than the hub's clock"));
    List<Point> past = newestFirst.stream().filter(p -> !kept.containsKey(p)).toList();
    past.stream()
        .limit(RetentionRules.on(rules.last()))
        .forEach(p -> kept.putIfAbsent(p, "last " + rules.last()));
    keepPeriods(past, kept, RetentionRules.on(rules.daily()), "daily", t -> day(t, zone));
    keepPeriods(past, kept, RetentionRules.on(rules.weekly()), "weekly", t -> week(t, zone));
    keepPeriods(past, kept, RetentionRules.on(rules.monthly()), "monthly", t -> month(t, zone));
    keepPeriods(past, kept, RetentionRules.on(rules.yearly()), "yearly", t -> year(t, zone));
    return result(newestFirst, kept);
  }

  /** Keeps the newest point of each of the {@code count} most recent periods that have points. */
  private static void keepPeriods(
      List<Point> newestFirst,
      Map<Point, String> kept,
      int count,
      String rule,
      Function<Instant, String> period) {
    Set<String> seen = new HashSet<>();
    for (Point p : newestFirst) {
      if (seen.size() == count) {
        return;
      }
      String key = period.apply(p.takenAt());
      if (seen.add(key)) {
        kept.putIfAbsent(p, rule + " " + key);
      }
    }
  }

  private static Plan result(List<Point> newestFirst, Map<Point, String> kept) {
    List<Kept> stays = new ArrayList<>();
    List<Point> removable = new ArrayList<>();
    for (Point p : newestFirst) {
      String reason = kept.get(p);
      if (reason != null) {
        stays.add(new Kept(p, reason));
      } else {
        removable.add(0, p);
      }
    }
    return new Plan(stays, removable);
  }

  static String day(Instant t, ZoneId zone) {
    return t.atZone(zone).toLocalDate().toString();
  }

  static String week(Instant t, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    return String.format(
        "%d-W%02d", z.get(IsoFields.WEEK_BASED_YEAR), z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  static String month(Instant t, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    return String.format("%d-%02d", z.getYear(), z.getMonthValue());
  }

  static String year(Instant t, ZoneId zone) {
    return Integer.toString(t.atZone(zone).getYear());
  }
}
