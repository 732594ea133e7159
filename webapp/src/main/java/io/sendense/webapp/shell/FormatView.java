package io.sendense.webapp.shell;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The one formatter of every page: {@code #{sdFormat.when(t)}}, {@code #{sdFormat.bytes(n)}}. Times
 * are shown in the signed-in user's zone ({@link UserZone}); {@code <sd:time value=".."/>} adds the
 * exact time as a hover title.
 */
@Named("sdFormat")
@ApplicationScoped
public class FormatView {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  @Inject Clock clock;
  @Inject UserZone userZone;

  /** Recent events in words, "today 13:05 (2 min ago)"; "-" when unknown. */
  public String when(Instant value) {
    return text().when(value);
  }

  /**
   * An absolute time to the minute with the zone's name, "2026-12-05 13:05 Europe/Paris", for text
   * that is read later (downloads, reports); "-" when unknown.
   */
  public String instant(Instant value) {
    return value == null ? "-" : stamp(value) + " " + zone();
  }

  /** The exact time for a hover title: "2026-12-05T13:05:09+01:00 Europe/Paris". */
  public String exact(Instant value) {
    return text().exact(value);
  }

  /** The instant in UTC ISO-8601, for {@code <time datetime>}. */
  public String iso(Instant value) {
    return value == null ? "" : value.toString();
  }

  /** "2026-12-05 13:05" in the user's zone. */
  public String stamp(Instant value) {
    return text().stamp(value);
  }

  /** The zone times are shown in, for page hints: "Europe/Paris". */
  public String zone() {
    return text().zone().getId();
  }

  /** "3 min 12 s"; "-" when unknown. */
  public String duration(Duration value) {
    return TimeText.duration(value);
  }

  /** A duration given in milliseconds, as {@link #duration}. */
  public String millis(Long value) {
    return value == null ? "-" : TimeText.duration(Duration.ofMillis(value));
  }

  /** The time from {@code start} to {@code end} (or now while it runs), as {@link #duration}. */
  public String between(Instant start, Instant end) {
    if (start == null) {
      return "-";
    }
    return TimeText.duration(Duration.between(start, end == null ? clock().instant() : end));
  }

  /**
   * How a restore point found its data, for people: "CBT", "Content compare", "Full"; "-" while
   * unknown (a running backup).
   */
  public String tracking(String changeTracking) {
    if (changeTracking == null) {
      return "-";
    }
    return switch (changeTracking) {
      case "CBT" -> "CBT";
      case "CONTENT_COMPARE" -> "Content compare";
      case "NONE_FULL" -> "Full";
      default -> changeTracking;
    };
  }

  /** Bytes in binary units with one decimal, for example "1.5 GiB"; "-" when unknown. */
  public String bytes(Long value) {
    if (value == null) {
      return "-";
    }
    double v = value;
    int unit = 0;
    while (v >= 1024 && unit < UNITS.length - 1) {
      v /= 1024;
      unit++;
    }
    return unit == 0
        ? value + " B"
        : String.format(java.util.Locale.ROOT, "%.1f %s", v, UNITS[unit]);
  }

  private TimeText text() {
    return new TimeText(clock(), zoneOrUtc());
  }

  private Clock clock() {
    return clock == null ? Clock.systemUTC() : clock;
  }

  private ZoneId zoneOrUtc() {
    if (userZone == null) {
      return UTC;
    }
    try {
      return userZone.zone();
    } catch (ContextNotActiveException noSession) {
      return UTC;
    }
  }
}
