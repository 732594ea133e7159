package io.sendense.webapp.common;

import java.util.List;

/**
 * One page of a list: its items, how many there are in all, and the offset and limit that were
 * applied (the limit after the {@link #MAX_LIMIT cap}).
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {
  /** The most items any list of the API returns at once. */
  public static final int MAX_LIMIT = 1000;

  /** A requested page size: {@code fallback} when none, at least 1, at most {@link #MAX_LIMIT}. */
  public static int limit(Integer requested, int fallback) {
    return Math.max(1, Math.min(MAX_LIMIT, requested == null ? fallback : requested));
  }

  /** A requested offset: 0 when none; a negative one is bad input. */
  public static int offset(Integer requested) {
    if (requested != null && requested < 0) {
      throw new Refusal(400, "offset must be 0 or more, not " + requested);
    }
    return requested == null ? 0 : requested;
  }
}
