package io.sendense.webapp.retention;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many restore points a flow keeps per VM: the last N, and one per day, ISO week, month and
 * year for the last D, W, M and Y such periods that have points (grandfather-father-son; see {@link
 * RetentionPlanner} for the exact rules). A rule that is null or 0 is off; with every rule off
 * every point is kept. Also the flow API's {@code retention} object ({@code retentionCount} is an
 * alias of {@code last}).
 */
public record RetentionRules(
    Integer last, Integer daily, Integer weekly, Integer monthly, Integer yearly) {

  /** Larger counts are refused: they are typing mistakes, not plans. */
  public static final int MAX = 10_000;

  public static final RetentionRules KEEP_ALL = new RetentionRules(null, null, null, null, null);

  /** Whether no rule is on, so that nothing is ever deleted. */
  public boolean keepsAll() {
    return on(last) == 0
        && on(daily) == 0
        && on(weekly) == 0
        && on(monthly) == 0
        && on(yearly) == 0;
  }

  /** What is wrong with the rules, naming the field, or empty. */
  public Optional<String> problem() {
    for (Map.Entry<String, Integer> rule : byName().entrySet()) {
      Integer n = rule.getValue();
      if (n != null && (n < 0 || n > MAX)) {
        return Optional.of(
            "retention."
                + rule.getKey()
                + " must be between 0 and "
                + MAX
                + " (0 or left out: rule off), not "
                + n);
      }
    }
    return Optional.empty();
  }

  /** The rules by their API names, in the order they are applied. */
  public Map<String, Integer> byName() {
    Map<String, Integer> rules = new LinkedHashMap<>();
    rules.put("last", last);
    rules.put("daily", daily);
    rules.put("weekly", weekly);
    rules.put("monthly", monthly);
    rules.put("yearly", yearly);
    return rules;
  }

  /** Short text for tables: "last 7, daily 14, monthly 12", or "keep all". */
  public String summary() {
    StringBuilder text = new StringBuilder();
    byName()
        .forEach(
            (name, n) -> {
              if (on(n) > 0) {
                text.append(text.length() == 0 ? "" : ", ").append(name).append(' ').append(n);
              }
            });
    return text.length() == 0 ? "keep all" : text.toString();
  }

  static int on(Integer n) {
    return n == null ? 0 : n;
  }
}
