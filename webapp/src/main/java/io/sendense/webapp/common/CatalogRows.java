package io.sendense.webapp.common;

import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * A lazy PrimeFaces table over a list in the catalog, a page at a time: the table asks {@link
 * #count} first, so {@link #load} only reads the page's rows; the global filter is the search text
 * and the sorted column's {@code field} the sort key ({@link LazyTables}). A row's key is its id,
 * and a row not on the shown page (a selection kept across pages) is read by id. Subclasses map the
 * three reads to their feature's service.
 */
public abstract class CatalogRows<T> extends LazyDataModel<T> {
  private static final long serialVersionUID = 1L;

  private final String defaultSort;

  /** {@code defaultSort}: the sort key while the table is not sorted. */
  protected CatalogRows(String defaultSort) {
    this.defaultSort = defaultSort;
  }

  /** How many rows match {@code search} (null: every row). */
  protected abstract long total(String search);

  /**
   * The rows matching {@code search} from {@code first}, sorted by {@code sort} ("-" first:
   * descending).
   */
  protected abstract List<T> page(String search, String sort, int first, int size);

  /** The row's catalog id. */
  protected abstract long id(T row);

  /** The row with this id; a {@link Refusal} once it is gone. */
  protected abstract T find(long id);

  @Override
  public int count(Map<String, FilterMeta> filterBy) {
    return (int) total(LazyTables.search(filterBy));
  }

  @Override
  public List<T> load(
      int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
    return page(LazyTables.search(filterBy), LazyTables.sort(sortBy, defaultSort), first, pageSize);
  }

  @Override
  public String getRowKey(T row) {
    return String.valueOf(id(row));
  }

  /** A row of the shown page, else read by id; null once it is gone. */
  @Override
  public T getRowData(String rowKey) {
    long id = Long.parseLong(rowKey);
    List<T> shown = getWrappedData();
    if (shown != null) {
      for (T row : shown) {
        if (id(row) == id) {
          return row;
        }
      }
    }
    try {
      return find(id);
    } catch (Refusal gone) {
      return null;
    }
  }
}
