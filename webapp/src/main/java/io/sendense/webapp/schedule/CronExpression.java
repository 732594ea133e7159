package io.sendense.webapp.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron schedule (minute hour day-of-month month day-of-week) with lists, ranges,
 * steps, month and weekday names and the {@code @daily}-style shorthands, and the next time it
 * fires in a time zone.
 *
 * <p>Rules a backup admin relies on: when both day-of-month and day-of-week are restricted, a day
 * matching either fires (POSIX); a day that a month lacks (31 in April) is skipped, never moved; a
 * local time the clocks skip (spring forward) fires once at the moment they jump; a local time that
 * happens twice (fall back) fires once, the first time.
 */
public final class CronExpression {
  private static final Map<String, String> SHORTHANDS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final int SEARCH_YEARS = 8;

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet days;
  private final BitSet months;
  private final BitSet weekdays;
  private final boolean dayRestricted;
  private final boolean weekdayRestricted;

  private CronExpression(String text, String[] fields) {
    this.text = text;
    minutes = CronField.MINUTE.parse(fields[0]);
    hours = CronField.HOUR.parse(fields[1]);
    days = CronField.DAY_OF_MONTH.parse(fields[2]);
    months = CronField.MONTH.parse(fields[3]);
    weekdays = CronField.DAY_OF_WEEK.parse(fields[4]);
    if (weekdays.get(7)) {
      weekdays.set(0);
    }
    dayRestricted = !fields[2].startsWith("*");
    weekdayRestricted = !fields[4].startsWith("*");
    if (dayRestricted && !weekdayRestricted && !anyMonthHasADay()) {
      throw CronField.DAY_OF_MONTH.error(
          "'" + fields[2] + "' never occurs in the months of field 4 (month) '" + fields[3] + "'");
    }
  }

  /**
   * Parses {@code text}.
   *
   * @throws CronException naming the field that is wrong and why
   */
  public static CronExpression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new CronException("The cron expression is empty");
    }
    String trimmed = text.strip();
    String expanded = trimmed;
    if (trimmed.startsWith("@")) {
      expanded = SHORTHANDS.get(trimmed.toLowerCase(Locale.ROOT));
      if (expanded == null) {
        throw new CronException(
            "'" + trimmed + "' is not a known shorthand; use one of " + SHORTHANDS.keySet());
      }
    }
    String[] fields = expanded.split("\\s+");
    if (fields.length != 5) {
      throw new CronException(
          "A cron expression has 5 fields (minute hour day-of-month month day-of-week); '"
              + trimmed
              + "' has "
              + fields.length);
    }
    return new CronExpression(trimmed, fields);
  }

  /** Whether {@code text} parses; for forms that check as the user types. */
  public static Optional<String> problemWith(String text) {
    try {
      parse(text);
      return Optional.empty();
    } catch (CronException e) {
      return Optional.of(e.getMessage());
    }
  }

  public String text() {
    return text;
  }

  /**
   * The first time strictly after {@code after} at which the schedule fires in {@code zone}, or
   * empty when it never fires within eight years (say February 30 with a weekday restriction that
   * never meets it).
   */
  public Optional<Instant> next(Instant after, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    LocalDateTime local = LocalDateTime.ofInstant(after, zone);
    // A fall-back hour can put a later instant at an earlier local time: start a day early.
    LocalDate day = local.toLocalDate().minusDays(1);
    LocalDate last = day.plusYears(SEARCH_YEARS);
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      if (!matches(day)) {
        continue;
      }
      Optional<Instant> found = firstOnDay(day, after, rules);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<Instant> firstOnDay(LocalDate day, Instant after, ZoneRules rules) {
    for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
      for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
        Instant at = resolve(day.atTime(h, m), rules);
        if (at.isAfter(after)) {
          return Optional.of(at);
        }
      }
    }
    return Optional.empty();
  }

  /** A local time as an instant: a skipped time at the jump, a repeated one the first time. */
  static Instant resolve(LocalDateTime time, ZoneRules rules) {
    List<java.time.ZoneOffset> offsets = rules.getValidOffsets(time);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(time);
      return gap.getInstant();
    }
    return time.toInstant(offsets.get(0));
  }

  boolean matches(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dayOk = days.get(day.getDayOfMonth());
    // java.time counts Monday 1 to Sunday 7; cron Sunday 0 to Saturday 6.
    boolean weekdayOk = weekdays.get(day.getDayOfWeek().getValue() % 7);
    if (dayRestricted && weekdayRestricted) {
      return dayOk || weekdayOk;
    }
    return dayOk && weekdayOk;
  }

  private boolean anyMonthHasADay() {
    for (int m = months.nextSetBit(1); m >= 0; m = months.nextSetBit(m + 1)) {
      int longest = Month.of(m).maxLength();
      int firstDay = days.nextSetBit(1);
      if (firstDay >= 1 && firstDay <= longest) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }
}
