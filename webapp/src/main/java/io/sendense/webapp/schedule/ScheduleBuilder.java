package io.sendense.webapp.schedule;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schedule builder of the flow form: the common cases (manual only, daily at, weekly on, every
 * N hours) as fields, anything else as a cron expression; converts both ways.
 */
public class ScheduleBuilder implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern DAILY = Pattern.compile("(\\d{1,2}) (\\d{1,2}) \\* \\* \\*");
  private static final Pattern WEEKLY =
      Pattern.compile("(\\d{1,2}) (\\d{1,2}) \\* \\* ([0-6](,[0-6])*)");
  private static final Pattern HOURS = Pattern.compile("(\\d{1,2}) \\*/(\\d{1,2}) \\* \\* \\*");

  /** The kinds of schedule the form offers. */
  public enum Mode {
    MANUAL,
    DAILY,
    WEEKLY,
    HOURS,
    CUSTOM
  }

  private Mode mode = Mode.DAILY;
  private int hour = 2;
  private int minute;
  private List<String> weekdays = new ArrayList<>(List.of("1"));
  private int everyHours = 4;
  private String custom = "";

  /** The builder showing {@code cron} (null or blank: manual only). */
  public static ScheduleBuilder of(String cron) {
    ScheduleBuilder b = new ScheduleBuilder();
    if (cron == null || cron.isBlank()) {
      b.mode = Mode.MANUAL;
      return b;
    }
    b.custom = cron;
    Matcher m;
    if ((m = DAILY.matcher(cron)).matches()) {
      b.mode = Mode.DAILY;
      b.minute = Integer.parseInt(m.group(1));
      b.hour = Integer.parseInt(m.group(2));
    } else if ((m = WEEKLY.matcher(cron)).matches()) {
      b.mode = Mode.WEEKLY;
      b.minute = Integer.parseInt(m.group(1));
      b.hour = Integer.parseInt(m.group(2));
      b.weekdays = new ArrayList<>(List.of(m.group(3).split(",")));
    } else if ((m = HOURS.matcher(cron)).matches()) {
      b.mode = Mode.HOURS;
      b.minute = Integer.parseInt(m.group(1));
      b.everyHours = Integer.parseInt(m.group(2));
    } else {
      b.mode = Mode.CUSTOM;
    }
    return b;
  }

  /** The cron expression for the fields, or null for manual only; not validated here. */
  public String cron() {
    return switch (mode) {
      case MANUAL -> null;
      case DAILY -> minute + " " + hour + " * * *";
      case WEEKLY ->
          minute
              + " "
              + hour
              + " * * "
              + (weekdays.isEmpty() ? "" : String.join(",", weekdays.stream().sorted().toList()));
      case HOURS -> minute + " */" + everyHours + " * * *";
      case CUSTOM -> custom == null ? "" : custom.strip();
    };
  }

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public int getHour() {
    return hour;
  }

  public void setHour(int hour) {
    this.hour = hour;
  }

  public int getMinute() {
    return minute;
  }

  public void setMinute(int minute) {
    this.minute = minute;
  }

  public List<String> getWeekdays() {
    return weekdays;
  }

  public void setWeekdays(List<String> weekdays) {
    this.weekdays = weekdays == null ? new ArrayList<>() : new ArrayList<>(weekdays);
  }

  public int getEveryHours() {
    return everyHours;
  }

  public void setEveryHours(int everyHours) {
    this.everyHours = everyHours;
  }

  public String getCustom() {
    return custom;
  }

  public void setCustom(String custom) {
    this.custom = custom;
  }
}
