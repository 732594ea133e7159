package io.sendense.persistence.common;

/**
 * Text kept within the column that stores it: an error message or detail longer than the column
 * would fail the whole transaction that records it, so it is cut, and ends with "..." so a reader
 * sees that it was.
 */
public final class Columns {
  private Columns() {}

  /**
   * {@code text} if it has at most {@code max} characters, else its start and "..." in {@code max}.
   */
  public static String fit(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 3) + "...";
  }
}
