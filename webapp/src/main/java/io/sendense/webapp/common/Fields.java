package io.sendense.webapp.common;

/**
 * Length checks for text that requests carry, before anything parses or stores it: a value that
 * does not fit is a 400 naming the field as the API spells it, never a database error.
 */
public final class Fields {
  private Fields() {}

  /** {@code value} (may be null) has at most {@code max} characters. */
  public static String atMost(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new Refusal(
          400, field + " must have at most " + max + " characters (it has " + value.length() + ")");
    }
    return value;
  }
}
