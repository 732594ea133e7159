package io.sendense.webapp.schedule;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/** One of the five fields of a cron expression: its position, name, range and value names. */
enum CronField {
  MINUTE(1, "minute", 0, 59, List.of()),
  HOUR(2, "hour", 0, 23, List.of()),
  DAY_OF_MONTH(3, "day-of-month", 1, 31, List.of()),
  MONTH(
      4,
      "month",
      1,
      12,
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
  // 0 and 7 are both Sunday, as in Vixie cron.
  DAY_OF_WEEK(5, "day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

  final int position;
  final String label;
  final int min;
  final int max;
  private final List<String> names;

  CronField(int position, String label, int min, int max, List<String> names) {
    this.position = position;
    this.label = label;
    this.min = min;
    this.max = max;
    this.names = names;
  }

  /** The values {@code text} selects, e.g. "1-5", "MON,WED", "*&#47;15", "10-40/10". */
  BitSet parse(String text) {
    BitSet values = new BitSet(max + 1);
    if (text.isEmpty()) {
      throw error("is empty");
    }
    for (String part : text.split(",", -1)) {
      parsePart(part, values);
    }
    return values;
  }

  private void parsePart(String part, BitSet values) {
    if (part.isEmpty()) {
      throw error("has an empty list item");
    }
    int step = 1;
    String range = part;
    int slash = part.indexOf('/');
    if (slash >= 0) {
      range = part.substring(0, slash);
      String stepText = part.substring(slash + 1);
      step = number(stepText, "step");
      if (step < 1) {
        throw error("step '" + stepText + "' must be at least 1");
      }
    }
    int from;
    int to;
    if (range.equals("*")) {
      from = min;
      to = max;
    } else if (range.contains("-")) {
      int dash = range.indexOf('-');
      from = value(range.substring(0, dash));
      to = value(range.substring(dash + 1));
      if (from > to) {
        throw error("range '" + range + "' runs backwards");
      }
    } else {
      from = value(range);
      to = slash >= 0 ? max : from;
    }
    for (int v = from; v <= to; v += step) {
      values.set(v);
    }
  }

  private int value(String text) {
    int index = names.indexOf(text.toUpperCase(Locale.ROOT));
    if (index >= 0) {
      return index + (this == MONTH ? 1 : 0);
    }
    int value = number(text, "value");
    if (value < min || value > max) {
      throw error("'" + text + "' is out of range " + min + "-" + max);
    }
    return value;
  }

  private int number(String text, String what) {
    if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 4) {
      String expected =
          names.isEmpty()
              ? "a number"
              : "a number or a name (" + names.get(0) + "-" + names.get(names.size() - 1) + ")";
      throw error(what + " '" + text + "' is not " + expected);
    }
    return Integer.parseInt(text);
  }

  CronException error(String problem) {
    return new CronException("Field " + position + " (" + label + ") " + problem);
  }
}
