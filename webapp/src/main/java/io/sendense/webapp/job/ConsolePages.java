package io.sendense.webapp.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A page of two lists merged newest first, when one (backup jobs) is read from the database a page
 * at a time and the other (VM restores, few) is read whole. Backup job {@code i} stands at most
 * {@code extra.size()} places after place {@code i} in the merged list, so reading backup jobs from
 * {@link #start} ({@code offset - extra.size()}) for {@link #window} rows covers the page, and the
 * merged rows then stand exactly {@code start} places before their place in the whole list.
 */
final class ConsolePages {
  private ConsolePages() {}

  /** The first backup job to read for the page at {@code offset}. */
  static int start(int offset, int extraRows) {
    return Math.max(0, offset - extraRows);
  }

  /** How many backup jobs to read from {@link #start}. */
  static int window(int limit, int extraRows) {
    return limit + extraRows;
  }

  /**
   * The page at {@code offset}: {@code paged} holds the rows of the paged list from {@link #start}
   * (at most {@link #window} of them, fewer at its end), {@code extra} every row of the other.
   */
  static <T> List<T> page(
      List<T> paged, List<T> extra, int offset, int limit, Comparator<T> newestFirst) {
    int start = start(offset, extra.size());
    List<T> merged = new ArrayList<>(paged);
    merged.addAll(extra);
    merged.sort(newestFirst);
    int from = Math.min(merged.size(), offset - start);
    return List.copyOf(merged.subList(from, Math.min(merged.size(), from + limit)));
  }
}
