package io.sendense.webapp.common;

import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/** What a lazy PrimeFaces table asks of a catalog page: its search text and its sort key. */
public final class LazyTables {
  private LazyTables() {}

  /** The table's global filter, stripped, or null when there is none. */
  public static String search(Map<String, FilterMeta> filterBy) {
    FilterMeta global = filterBy == null ? null : filterBy.get(FilterMeta.GLOBAL_FILTER_KEY);
    Object value = global == null ? null : global.getFilterValue();
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }

  /**
   * The sorted column's {@code field}, {@code -} first when descending; {@code fallback} when the
   * table is not sorted.
   */
  public static String sort(Map<String, SortMeta> sortBy, String fallback) {
    if (sortBy == null || sortBy.isEmpty()) {
      return fallback;
    }
    SortMeta meta = sortBy.values().iterator().next();
    String field = meta.getField() == null ? fallback : meta.getField();
    return (meta.getOrder() == SortOrder.DESCENDING ? "-" : "") + field;
  }
}
