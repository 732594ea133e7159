package io.sendense.webapp.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a repository fills up, from its capacity readings: a least-squares line through free bytes
 * over time; if free space shrinks, the days until it reaches zero at that rate from the free space
 * now. Needs readings spanning at least a day (a shorter history is noise). Plain logic.
 */
public final class CapacityForecast {
  /** The shortest history a forecast is made from. */
  static final Duration MIN_SPAN = Duration.ofDays(1);

  private CapacityForecast() {}

  /** One reading: when, and the free bytes then. */
  public record Reading(Instant at, long freeBytes) {}

  /** What the readings say. */
  public enum Outlook {
    /** Free space shrinks: {@code daysUntilFull} says when it is gone. */
    FILLING,
    /** Free space stays or grows. */
    NOT_GROWING,
    /** Readings span less than a day. */
    TOO_LITTLE_HISTORY,
    /** The repository's capacity was never read. */
    UNKNOWN
  }

  /** The outcome: growth of used space in bytes a day (null without a line) and days until full. */
  public record Result(Outlook outlook, Long growthBytesPerDay, Long daysUntilFull) {}

  /**
   * @param readings oldest first
   * @param freeNow the free bytes as last read (null: never read)
   */
  public static Result of(List<Reading> readings, Long freeNow) {
    if (freeNow == null) {
      return new Result(Outlook.UNKNOWN, null, null);
    }
    if (readings.size() < 2
        || Duration.between(readings.get(0).at(), readings.get(readings.size() - 1).at())
                .compareTo(MIN_SPAN)
            < 0) {
      return new Result(Outlook.TOO_LITTLE_HISTORY, null, null);
    }
    Instant origin = readings.get(0).at();
    double meanX = 0;
    double meanY = 0;
    for (Reading r : readings) {
      meanX += seconds(origin, r.at());
      meanY += r.freeBytes();
    }
    meanX /= readings.size();
    meanY /= readings.size();
    double sxy = 0;
    double sxx = 0;
    for (Reading r : readings) {
      double dx = seconds(origin, r.at()) - meanX;
      sxy += dx * (r.freeBytes() - meanY);
      sxx += dx * dx;
    }
    long growth = Math.round(-sxy / sxx * 86_400);
    if (growth <= 0) {
      return new Result(Outlook.NOT_GROWING, growth, null);
    }
    return new Result(Outlook.FILLING, growth, freeNow / growth);
  }

  private static double seconds(Instant origin, Instant at) {
    return Duration.between(origin, at).toMillis() / 1000.0;
  }
}
