package io.sendense.webapp.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.webapp.retention.RetentionPlanner.Point;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RetentionPlannerTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final RetentionRules GFS = new RetentionRules(3, 7, 4, 6, 2);

  /**
   * A point every night at 00:30 Berlin time from 2024-12-20 to 2025-12-31 (none on Christmas 2025,
   * two more at 14:00 on the last two days), the planner run with the clock at each new point and
   * its removals applied at once, as the hub does after every run. 00:30 local is the evening
   * before in UTC, so day buckets taken in UTC would pair the wrong points.
   */
  @Test
  void gfsRulesOverASimulatedYearKeepExactlyTheExpectedPoints() {
    List<Point> repository = new ArrayList<>();
    long id = 0;
    for (Instant t : year()) {
      repository.add(new Point(++id, t));
      RetentionPlanner planner = new RetentionPlanner(Clock.fixed(t, BERLIN));
      repository.removeAll(planner.plan(repository, GFS, BERLIN).removable());
    }
    List<String> expected =
        List.of(
            // last 3
            "2025-12-31T14:00",
            "2025-12-31T00:30",
            "2025-12-30T14:00",
            // daily 7: the newest of the 31st, 30th, 29th, 28th, 27th, 26th and 24th (no point on
            // the 25th); the newest of the 31st and 30th are already kept
            "2025-12-29T00:30",
            "2025-12-28T00:30",
            "2025-12-27T00:30",
            "2025-12-26T00:30",
            "2025-12-24T00:30",
            // weekly 4: the newest of ISO weeks 2026-W01 (kept), 2025-W52 (the 28th, kept), W51
            // and W50, which end on Sundays
            "2025-12-21T00:30",
            "2025-12-14T00:30",
            // monthly 6: December (kept) back to July
            "2025-11-30T00:30",
            "2025-10-31T00:30",
            "2025-09-30T00:30",
            "2025-08-31T00:30",
            "2025-07-31T00:30",
            // yearly 2: 2025 (kept) and 2024
            "2024-12-31T00:30");
    assertEquals(expected, local(repository));
  }

  @Test
  void applyingTheRulesEveryDayKeepsWhatApplyingThemOnceAtTheEndKeeps() {
    List<Point> daily = new ArrayList<>();
    List<Point> all = new ArrayList<>();
    long id = 0;
    for (Instant t : year()) {
      Point p = new Point(++id, t);
      daily.add(p);
      all.add(p);
      daily.removeAll(
          new RetentionPlanner(Clock.fixed(t, BERLIN)).plan(daily, GFS, BERLIN).removable());
    }
    Instant end = all.get(all.size() - 1).takenAt();
    List<Point> once = new ArrayList<>(all);
    once.removeAll(
        new RetentionPlanner(Clock.fixed(end, BERLIN)).plan(all, GFS, BERLIN).removable());
    assertEquals(local(once), local(daily));
  }

  @Test
  void keepLastTwoOfFourRemovesTheTwoOldestOldestFirst() {
    List<Point> points =
        points("2025-03-01T02:00", "2025-03-02T02:00", "2025-03-03T02:00", "2025-03-04T02:00");
    RetentionPlanner.Plan plan =
        planner("2025-03-04T03:00")
            .plan(points, new RetentionRules(2, null, null, null, null), BERLIN);
    assertEquals(List.of(1L, 2L), plan.removable().stream().map(Point::id).toList());
    assertEquals(
        List.of("4 last 2", "3 last 2"),
        plan.kept().stream().map(k -> k.point().id() + " " + k.reason()).toList());
  }

  @Test
  void eachRuleCountsOnItsOwnAndTheFirstRuleThatKeepsAPointNamesIt() {
    List<Point> points =
        points("2025-03-01T02:00", "2025-03-02T02:00", "2025-03-03T02:00", "2025-03-03T20:00");
    RetentionPlanner.Plan plan =
        planner("2025-03-04T00:00").plan(points, new RetentionRules(1, 2, 2, null, null), BERLIN);
    // daily 2: the 3rd (the point "last" kept) and the 2nd; weekly 2: 2025-W10 (the 3rd) and
    // 2025-W09, whose newest point is Sunday the 2nd. The 1st and the early 3rd go.
    assertEquals(
        List.of("4 last 1", "2 daily 2025-03-02"),
        plan.kept().stream().map(k -> k.point().id() + " " + k.reason()).toList());
    assertEquals(List.of(1L, 3L), plan.removable().stream().map(Point::id).toList());
  }

  @Test
  void daysAreTheFlowsDaysNotUtcDays() {
    // Two Berlin days, but one UTC day: 2025-01-10 23:30 CET is 22:30 UTC and 2025-01-11 00:30
    // CET is 23:30 UTC, both on the 10th.
    List<Point> points = points("2025-01-10T23:30", "2025-01-11T00:30");
    RetentionPlanner.Plan plan =
        planner("2025-01-12T00:00")
            .plan(points, new RetentionRules(null, 2, null, null, null), BERLIN);
    assertEquals(List.of(), plan.removable(), "two Berlin days, one point each");
    RetentionPlanner.Plan utc =
        planner("2025-01-12T00:00")
            .plan(points, new RetentionRules(null, 2, null, null, null), ZoneId.of("UTC"));
    assertEquals(List.of(1L), utc.removable().stream().map(Point::id).toList());
  }

  @Test
  void periodsWithoutPointsDoNotCountSoAStoppedFlowKeepsItsPoints() {
    List<Point> points = points("2025-01-01T02:00", "2025-01-02T02:00", "2025-01-03T02:00");
    RetentionPlanner.Plan plan =
        planner("2025-06-01T00:00")
            .plan(points, new RetentionRules(null, 3, null, null, null), BERLIN);
    assertEquals(List.of(), plan.removable());
  }

  @Test
  void noRulesKeepEverything() {
    List<Point> points = points("2025-01-01T02:00", "2025-01-02T02:00");
    RetentionPlanner.Plan plan =
        planner("2025-01-03T00:00").plan(points, RetentionRules.KEEP_ALL, BERLIN);
    assertEquals(List.of(), plan.removable());
    assertTrue(plan.kept().stream().allMatch(k -> k.reason().equals("no retention rules")));
  }

  @Test
  void pointsNewerThanTheClockAreKeptAndDoNotCountAsLast() {
    List<Point> points = points("2025-01-01T02:00", "2025-01-02T02:00", "2025-02-01T02:00");
    RetentionPlanner.Plan plan =
        planner("2025-01-03T00:00")
            .plan(points, new RetentionRules(1, null, null, null, null), BERLIN);
    assertEquals(List.of(1L), plan.removable().stream().map(Point::id).toList());
    assertEquals("newer than the hub's clock", plan.kept().get(0).reason());
  }

  @Test
  void problemsNameTheField() {
    assertEquals(
        "retention.weekly must be between 0 and 10000 (0 or left out: rule off), not -1",
        new RetentionRules(1, null, -1, null, null).problem().orElseThrow());
    assertTrue(new RetentionRules(0, 0, 0, 0, 0).keepsAll());
    assertEquals("last 7, monthly 12", new RetentionRules(7, 0, null, 12, null).summary());
  }

  /** 00:30 every night, none on 2025-12-25, two more at 14:00 on 2025-12-30 and 31. */
  private static List<Instant> year() {
    List<Instant> times = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2024, 12, 20);
        !d.isAfter(LocalDate.of(2025, 12, 31));
        d = d.plusDays(1)) {
      if (!d.equals(LocalDate.of(2025, 12, 25))) {
        times.add(ZonedDateTime.of(d, LocalTime.of(0, 30), BERLIN).toInstant());
      }
      if (d.isAfter(LocalDate.of(2025, 12, 29))) {
        times.add(ZonedDateTime.of(d, LocalTime.of(14, 0), BERLIN).toInstant());
      }
    }
    return times;
  }

  private static List<String> local(List<Point> points) {
    return points.stream()
        .sorted((a, b) -> b.takenAt().compareTo(a.takenAt()))
        .map(p -> LocalDateTime.ofInstant(p.takenAt(), BERLIN).toString())
        .collect(Collectors.toList());
  }

  private static List<Point> points(String... berlinTimes) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < berlinTimes.length; i++) {
      points.add(new Point(i + 1, LocalDateTime.parse(berlinTimes[i]).atZone(BERLIN).toInstant()));
    }
    return points;
  }

  private static RetentionPlanner planner(String berlinNow) {
    return new RetentionPlanner(
        Clock.fixed(LocalDateTime.parse(berlinNow).atZone(BERLIN).toInstant(), BERLIN));
  }
}
