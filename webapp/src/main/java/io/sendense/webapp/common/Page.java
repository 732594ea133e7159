package io.sendense.webapp.common;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * One page of a list: its items, how many there are in all, the offset and limit that were applied
 * (the limit after the {@link #MAX_LIMIT cap}), and for lists that page by cursor the cursor of the
 * next page ({@code null} on the last one or where there is none, see {@link Cursors}).
 */
public record Page<T>(List<T> items, long total, int offset, int limit, String next) {
  public Page(List<T> items, long total, int offset, int limit) {
    this(items, total, offset, limit, null);
  }

  /** This page with the cursor of the next one. */
  public Page<T> withNext(String cursor) {
    return new Page<>(items, total, offset, limit, cursor);
  }

  /** The most items any list of the API returns at once. */
  public static final int MAX_LIMIT = 1000;

  /** The page size of lists whose resource gives none of its own. */
  public static final int DEFAULT_LIMIT = 100;

  /** A page of a list already in memory (short lists: sources, repositories, users). */
  public static <T> Page<T> of(List<T> all, int offset, int limit) {
    int from = Math.min(offset, all.size());
    return new Page<>(
        List.copyOf(all.subList(from, Math.min(all.size(), from + limit))),
        all.size(),
        offset,
        limit);
  }

  /**
   * A page read from the catalog, with its total: counted only when the page cannot tell it (a
   * short, non-empty page, or a short first page, ends the list at {@code offset + items}).
   */
  public static <T> Page<T> counted(List<T> items, int offset, int limit, LongSupplier count) {
    long total =
        items.size() < limit && (offset == 0 || !items.isEmpty())
            ? offset + items.size()
            : count.getAsLong();
    return new Page<>(items, total, offset, limit);
  }

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
