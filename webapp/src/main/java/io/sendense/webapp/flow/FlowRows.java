package io.sendense.webapp.flow;

import io.sendense.persistence.flow.FlowStore.FlowFilter;
import io.sendense.webapp.common.LazyTables;
import io.sendense.webapp.common.Refusal;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Flows a page at a time from the catalog as the flows table asks for them: the global filter
 * searches names, the status (the dashboard's links) and a column's {@code field} sort are applied
 * by the database, and only the page's rows and their runs in progress are read. The table asks
 * {@link #count} first, so {@link #load} never counts.
 */
public abstract class FlowRows extends LazyDataModel<FlowDto> {
  private static final long serialVersionUID = 1L;

  /** The service to read from (views hold it as a transient injection). */
  protected abstract FlowQueries flows();

  /** The status the table is limited to (a {@link FlowStatus} name), or null for every flow. */
  protected abstract String status();

  @Override
  public int count(Map<String, FilterMeta> filterBy) {
    FlowFilter filter = filter(filterBy);
    return filter == null ? 0 : (int) flows().count(filter);
  }

  @Override
  public List<FlowDto> load(
      int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
    FlowFilter filter = filter(filterBy);
    return filter == null
        ? List.of()
        : flows().rows(filter, LazyTables.sort(sortBy, "name"), first, pageSize);
  }

  @Override
  public String getRowKey(FlowDto flow) {
    return String.valueOf(flow.id());
  }

  /** A row of the shown page, else read by id (a selection kept across pages), null if gone. */
  @Override
  public FlowDto getRowData(String rowKey) {
    long id = Long.parseLong(rowKey);
    List<FlowDto> shown = getWrappedData();
    if (shown != null) {
      for (FlowDto flow : shown) {
        if (flow.id() == id) {
          return flow;
        }
      }
    }
    try {
      return flows().get(id);
    } catch (Refusal gone) {
      return null;
    }
  }

  /** The catalog filter, or null when the status is not one a flow can have (nothing matches). */
  private FlowFilter filter(Map<String, FilterMeta> filterBy) {
    FlowStatus status = null;
    String wanted = status();
    if (wanted != null && !wanted.isBlank()) {
      try {
        status = FlowStatus.valueOf(wanted.strip());
      } catch (IllegalArgumentException unknown) {
        return null;
      }
    }
    return FlowQueries.filter(LazyTables.search(filterBy), status);
  }
}
