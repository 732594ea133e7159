package io.sendense.webapp.shell;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Times and durations as people read them, in one zone and against one clock: "today 13:05 (2 min
 * ago)" for recent events, the exact ISO time for a hover title. Container-free so that it can be
 * tested with a fixed clock; {@link FormatView} hands it the signed-in user's zone.
 */
public final class TimeText {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_YEAR =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter EXACT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

  /** Events closer to now than this also say how long ago (or how soon) they are. */
  static final Duration RELATIVE = Duration.ofHours(12);

  private final Clock clock;
  private final ZoneId zone;

  public TimeText(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * The day in words when near ("today", "yesterday", "tomorrow"), else the date, then the time to
   * the minute; within {@link #RELATIVE} of now also "(2 min ago)" or "(in 3 h)". "-" when unknown.
   */
  public String when(Instant instant) {
    if (instant == null) {
      return "-";
    }
    Instant now = clock.instant();
    ZonedDateTime at = instant.atZone(zone);
    String text = day(at.toLocalDate(), now.atZone(zone).toLocalDate()) + " " + CLOCK.format(at);
    Duration away = Duration.between(instant, now);
    if (away.abs().compareTo(RELATIVE) < 0) {
      text += " (" + relative(away) + ")";
    }
    return text;
  }

  /**
   * The exact time in the zone with its offset and name: "2026-12-05T13:05:09+01:00 Europe/Paris".
   */
  public String exact(Instant instant) {
    if (instant == null) {
      return "";
    }
    return EXACT.format(instant.atZone(zone)) + " " + zone.getId();
  }

  /** The date and minute without words, for exports and narrow places: "2026-12-05 13:05". */
  public String stamp(Instant instant) {
    return instant == null
        ? "-"
        : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).format(instant.atZone(zone));
  }

  /**
   * A duration in the two largest units that matter: "45 s", "3 min 12 s", "2 h 5 min", "3 d 4 h".
   */
  public static String duration(Duration duration) {
    if (duration == null) {
      return "-";
    }
    long s = Math.max(0, duration.getSeconds());
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return pair(s / 60, "min", s % 60, "s");
    }
    if (s < 86_400) {
      return pair(s / 3600, "h", s % 3600 / 60, "min");
    }
    return pair(s / 86_400, "d", s % 86_400 / 3600, "h");
  }

  private static String pair(long big, String bigUnit, long small, String smallUnit) {
    return small == 0 ? big + " " + bigUnit : big + " " + bigUnit + " " + small + " " + smallUnit;
  }

  private static String day(LocalDate date, LocalDate today) {
    long days = ChronoUnit.DAYS.between(today, date);
    if (days == 0) {
      return "today";
    }
    if (days == -1) {
      return "yesterday";
    }
    if (days == 1) {
      return "tomorrow";
    }
    return (date.getYear() == today.getYear() ? DAY : DAY_YEAR).format(date);
  }

  private static String relative(Duration ago) {
    boolean future = ago.isNegative();
    long s = ago.abs().getSeconds();
    if (s < 60) {
      return future ? "in less than a minute" : "just now";
    }
    String amount = s < 3600 ? s / 60 + " min" : s / 3600 + " h";
    return future ? "in " + amount : amount + " ago";
  }
}
