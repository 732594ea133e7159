package io.sendense.plugin.api;

import java.util.Objects;

/**
 * One thing wrong with a configuration, tied to the field the administrator has to fix so the UI
 * can show it next to that input.
 *
 * @param field name of the offending {@link ConfigField}, or {@code null} if the problem concerns
 *     the configuration as a whole
 * @param message a sentence that says what to fix, never containing a secret value
 */
public record ConfigProblem(String field, String message) {

  public ConfigProblem {
    Objects.requireNonNull(message, "message");
  }

  /** A problem with one field. */
  public static ConfigProblem of(String field, String message) {
    return new ConfigProblem(field, message);
  }

  @Override
  public String toString() {
    return field == null ? message : field + ": " + message;
  }
}
