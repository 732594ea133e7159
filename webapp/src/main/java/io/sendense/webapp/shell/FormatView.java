package io.sendense.webapp.shell;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Formatting helpers for pages: {@code #{sdFormat.bytes(n)}}. */
@Named("sdFormat")
@ApplicationScoped
public class FormatView {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  private static final java.time.format.DateTimeFormatter TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
          .withZone(java.time.ZoneOffset.UTC);

  /** An instant to the minute in UTC, for example "2026-11-27 10:05 UTC"; "-" when unknown. */
  public String instant(java.time.Instant value) {
    return value == null ? "-" : TIME.format(value);
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
    return unit == 0 ? value + " B" : String.format("%.1f %s", v, UNITS[unit]);
  }
}
