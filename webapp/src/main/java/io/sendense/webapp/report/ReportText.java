package io.sendense.webapp.report;

/** How the reports write numbers for people (the page and the PDF say the same). */
public final class ReportText {
  private ReportText() {}

  /** A duration to the minute: "2 d 3 h", "6 h", "5 h 07 min", "12 min"; "-" when unknown. */
  public static String duration(Long seconds) {
    if (seconds == null) {
      return "-";
    }
    long minutes = seconds / 60;
    long days = minutes / 1440;
    long hours = minutes % 1440 / 60;
    long mins = minutes % 60;
    if (days > 0) {
      return hours == 0 ? days + " d" : days + " d " + hours + " h";
    }
    if (hours > 0) {
      return mins == 0 ? hours + " h" : String.format("%d h %02d min", hours, mins);
    }
    return mins + " min";
  }

  /** A share in percent with one decimal, "-" when there was nothing to measure. */
  public static String percent(Double value) {
    return value == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f %%", value);
  }

  /** "full in 12 days", "not growing", "history under a day", "capacity not read yet". */
  public static String outlook(CapacityTrend row) {
    return switch (row.outlook()) {
      case FILLING ->
          row.daysUntilFull() == 1 ? "full in 1 day" : "full in " + row.daysUntilFull() + " days";
      case NOT_GROWING -> "not growing";
      case TOO_LITTLE_HISTORY -> "history under a day";
      case UNKNOWN -> "capacity not read yet";
    };
  }
}
