package io.sendense.webapp.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant next(String cron, String after, ZoneId zone) {
    return CronExpression.parse(cron).next(Instant.parse(after), zone).orElseThrow();
  }

  private static List<Instant> fires(String cron, String after, ZoneId zone, int count) {
    CronExpression expression = CronExpression.parse(cron);
    List<Instant> out = new ArrayList<>();
    Instant t = Instant.parse(after);
    for (int i = 0; i < count; i++) {
      t = expression.next(t, zone).orElseThrow();
      out.add(t);
    }
    return out;
  }

  private static String error(String cron) {
    return assertThrows(CronException.class, () -> CronExpression.parse(cron)).getMessage();
  }

  @Test
  void berlinSpringForwardRunsASkippedTimeOnceWhenTheClocksJump() {
    // 2026-03-29 02:00 CET jumps to 03:00 CEST (01:00Z): 02:30 does not exist that day.
    assertEquals(
        List.of(
            Instant.parse("2026-03-28T01:30:00Z"),
            Instant.parse("2026-03-29T01:00:00Z"),
            Instant.parse("2026-03-30T00:30:00Z")),
        fires("30 2 * * *", "2026-03-27T12:00:00Z", BERLIN, 3));
  }

  @Test
  void everyQuarterHourInTheSkippedHourFiresOnlyOnce() {
    assertEquals(
        List.of(
            Instant.parse("2026-03-28T01:45:00Z"),
            Instant.parse("2026-03-29T01:00:00Z"),
            Instant.parse("2026-03-30T00:00:00Z")),
        fires("*/15 2 * * *", "2026-03-28T01:40:00Z", BERLIN, 3));
  }

  @Test
  void berlinFallBackRunsARepeatedTimeOnlyTheFirstTime() {
    // 2026-10-25 03:00 CEST falls back to 02:00 CET: 02:30 happens at 00:30Z and 01:30Z.
    assertEquals(
        List.of(
            Instant.parse("2026-10-24T00:30:00Z"),
            Instant.parse("2026-10-25T00:30:00Z"),
            Instant.parse("2026-10-26T01:30:00Z")),
        fires("30 2 * * *", "2026-10-23T12:00:00Z", BERLIN, 3));
  }

  @Test
  void hourlyAcrossFallBackKeepsLocalHours() {
    assertEquals(
        List.of(
            Instant.parse("2026-10-25T00:00:00Z"), // 02:00 CEST
            Instant.parse("2026-10-25T02:00:00Z"), // 03:00 CET (02:00 CET was 02:00 already)
            Instant.parse("2026-10-25T03:00:00Z")),
        fires("0 * * * *", "2026-10-24T23:30:00Z", BERLIN, 3));
  }

  @Test
  void newYorkKeepsNineInTheMorningAcrossBothChanges() {
    assertEquals(
        Instant.parse("2026-03-07T14:00:00Z"), next("0 9 * * *", "2026-03-07T00:00:00Z", NEW_YORK));
    assertEquals(
        Instant.parse("2026-03-08T13:00:00Z"), next("0 9 * * *", "2026-03-07T15:00:00Z", NEW_YORK));
    assertEquals(
        Instant.parse("2026-11-02T14:00:00Z"), next("0 9 * * *", "2026-11-01T14:00:00Z", NEW_YORK));
  }

  @Test
  void newYorkSpringForwardAndFallBackAtTwoAndOneThirty() {
    // 2026-03-08 02:00 EST jumps to 03:00 EDT at 07:00Z.
    assertEquals(
        Instant.parse("2026-03-08T07:00:00Z"),
        next("30 2 * * *", "2026-03-08T00:00:00Z", NEW_YORK));
    // 2026-11-01 02:00 EDT falls back to 01:00 EST: 01:30 is at 05:30Z and 06:30Z.
    assertEquals(
        List.of(Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-02T06:30:00Z")),
        fires("30 1 * * *", "2026-11-01T00:00:00Z", NEW_YORK, 2));
  }

  @Test
  void dayThirtyOneSkipsShortMonths() {
    assertEquals(
        List.of(
            Instant.parse("2026-01-31T00:00:00Z"),
            Instant.parse("2026-03-31T00:00:00Z"),
            Instant.parse("2026-05-31T00:00:00Z"),
            Instant.parse("2026-07-31T00:00:00Z")),
        fires("0 0 31 * *", "2026-01-01T00:00:00Z", ZoneOffset.UTC, 4));
  }

  @Test
  void februaryTwentyNinthWaitsForALeapYear() {
    assertEquals(
        Instant.parse("2028-02-29T12:00:00Z"),
        next("0 12 29 2 *", "2026-01-01T00:00:00Z", ZoneOffset.UTC));
  }

  @Test
  void dayOfMonthOrDayOfWeekWhenBothAreRestricted() {
    // The 1st or any Monday: 2026-02-01 is a Sunday.
    assertEquals(
        List.of(
            Instant.parse("2026-02-01T00:00:00Z"),
            Instant.parse("2026-02-02T00:00:00Z"),
            Instant.parse("2026-02-09T00:00:00Z"),
            Instant.parse("2026-02-16T00:00:00Z"),
            Instant.parse("2026-02-23T00:00:00Z"),
            Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-03-02T00:00:00Z")),
        fires("0 0 1 * MON", "2026-01-31T12:00:00Z", ZoneOffset.UTC, 7));
  }

  @Test
  void aStarredDayOfMonthLeavesDayOfWeekAlone() {
    assertEquals(
        List.of(Instant.parse("2026-02-06T22:00:00Z"), Instant.parse("2026-02-13T22:00:00Z")),
        fires("0 22 * * fri", "2026-02-01T00:00:00Z", ZoneOffset.UTC, 2));
  }

  @Test
  void listsRangesStepsAndNames() {
    assertEquals(
        List.of(
            Instant.parse("2026-07-01T09:10:00Z"),
            Instant.parse("2026-07-01T09:40:00Z"),
            Instant.parse("2026-07-01T13:10:00Z"),
            Instant.parse("2026-07-01T13:40:00Z"),
            Instant.parse("2026-07-01T17:10:00Z")),
        fires("10-40/30 9-17/4 * JAN,jul MON-FRI", "2026-06-30T23:00:00Z", ZoneOffset.UTC, 5));
    assertEquals(
        Instant.parse("2026-02-08T00:05:00Z"), // Sunday written as 7
        next("5/60 0 * * 7", "2026-02-02T00:00:00Z", ZoneOffset.UTC));
  }

  @Test
  void shorthands() {
    assertEquals(
        Instant.parse("2026-02-03T00:00:00Z"),
        next("@daily", "2026-02-02T00:00:00Z", ZoneOffset.UTC));
    assertEquals(
        Instant.parse("2026-02-02T01:00:00Z"),
        next("@hourly", "2026-02-02T00:00:00Z", ZoneOffset.UTC));
    assertEquals(
        Instant.parse("2026-02-08T00:00:00Z"),
        next("@weekly", "2026-02-02T00:00:00Z", ZoneOffset.UTC));
    assertEquals(
        Instant.parse("2027-01-01T00:00:00Z"),
        next("@yearly", "2026-02-02T00:00:00Z", ZoneOffset.UTC));
  }

  @Test
  void nextIsStrictlyAfter() {
    assertEquals(
        Instant.parse("2026-02-02T00:01:00Z"),
        next("* * * * *", "2026-02-02T00:00:00Z", ZoneOffset.UTC));
    assertEquals(
        Instant.parse("2026-02-02T00:01:00Z"),
        next("* * * * *", "2026-02-02T00:00:30.5Z", ZoneOffset.UTC));
  }

  @Test
  void errorsNameTheFieldAndWhy() {
    assertEquals("Field 2 (hour) '25' is out of range 0-23", error("0 25 * * *"));
    assertEquals("Field 1 (minute) '60' is out of range 0-59", error("60 * * * *"));
    assertEquals("Field 3 (day-of-month) '0' is out of range 1-31", error("0 0 0 * *"));
    assertEquals(
        "Field 4 (month) value 'FOO' is not a number or a name (JAN-DEC)", error("0 0 * FOO *"));
    assertEquals(
        "Field 5 (day-of-week) value 'MONDAY' is not a number or a name (SUN-SAT)",
        error("0 0 * * MONDAY"));
    assertEquals("Field 1 (minute) step '0' must be at least 1", error("*/0 * * * *"));
    assertEquals("Field 2 (hour) range '20-10' runs backwards", error("0 20-10 * * *"));
    assertEquals("Field 1 (minute) has an empty list item", error("1,,2 * * * *"));
    assertEquals(
        "Field 3 (day-of-month) '30,31' never occurs in the months of field 4 (month) 'FEB'",
        error("0 0 30,31 FEB *"));
    assertTrue(error("* * * *").contains("has 4"), error("* * * *"));
    assertTrue(error("@often").contains("not a known shorthand"));
    assertEquals("The cron expression is empty", error("  "));
  }

  @Test
  void problemWithIsEmptyForAGoodExpression() {
    assertTrue(CronExpression.problemWith("0 2 * * *").isEmpty());
    assertEquals(
        "Field 2 (hour) '24' is out of range 0-23",
        CronExpression.problemWith("0 24 * * *").orElseThrow());
  }
}
