package io.sendense.webapp.flow;

import io.sendense.persistence.flow.FlowStore.FlowFilter;
import io.sendense.webapp.common.CatalogRows;
import java.util.List;

/**
 * Flows a page at a time from the catalog as the flows table asks for them: the global filter
 * searches names, the status (the dashboard's links) and a column's {@code field} sort are applied
 * by the database, and only the page's rows and their runs in progress are read.
 */
public abstract class FlowRows extends CatalogRows<FlowDto> {
  private static final long serialVersionUID = 1L;

  protected FlowRows() {
    super("name");
  }

  /** The service to read from (views hold it as a transient injection). */
  protected abstract FlowQueries flows();

  /** The status the table is limited to (a {@link FlowStatus} name), or null for every flow. */
  protected abstract String status();

  @Override
  protected long total(String search) {
    FlowFilter filter = filter(search);
    return filter == null ? 0 : flows().count(filter);
  }

  @Override
  protected List<FlowDto> page(String search, String sort, int first, int size) {
    FlowFilter filter = filter(search);
    return filter == null ? List.of() : flows().rows(filter, sort, first, size);
  }

  @Override
  protected long id(FlowDto flow) {
    return flow.id();
  }

  @Override
  protected FlowDto find(long id) {
    return flows().get(id);
  }

  /** The catalog filter, or null when the status is not one a flow can have (nothing matches). */
  private FlowFilter filter(String search) {
    FlowStatus status = null;
    String wanted = status();
    if (wanted != null && !wanted.isBlank()) {
      try {
        status = FlowStatus.valueOf(wanted.strip());
      } catch (IllegalArgumentException unknown) {
        return null;
      }
    }
    return FlowQueries.filter(search, status);
  }
}
