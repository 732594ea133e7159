package io.sendense.webapp.source;

import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * VMs a page at a time from the catalog as a lazy table asks for them: the global filter searches
 * names, a column's {@code field} sorts, and only the page's rows are read (the VMs page, the group
 * Members dialog). The table asks {@link #count} first, so {@link #load} never counts.
 */
public abstract class VmRows extends LazyDataModel<VmDto> {
  private static final long serialVersionUID = 1L;

  /** The service to read from (views hold it as a transient injection). */
  protected abstract VmService vms();

  /** Whether VMs gone from vCenter are listed too. */
  protected boolean includeGone() {
    return false;
  }

  @Override
  public int count(Map<String, FilterMeta> filterBy) {
    return (int) vms().count(null, search(filterBy), null, includeGone());
  }

  @Override
  public List<VmDto> load(
      int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
    return vms().rows(null, search(filterBy), null, includeGone(), sort(sortBy), first, pageSize);
  }

  @Override
  public String getRowKey(VmDto vm) {
    return String.valueOf(vm.id());
  }

  /** A row of the shown page, else read by id (a selection kept across pages). */
  @Override
  public VmDto getRowData(String rowKey) {
    long id = Long.parseLong(rowKey);
    List<VmDto> shown = getWrappedData();
    if (shown != null) {
      for (VmDto vm : shown) {
        if (vm.id() == id) {
          return vm;
        }
      }
    }
    return vms().get(id);
  }

  private static String search(Map<String, FilterMeta> filterBy) {
    FilterMeta global = filterBy == null ? null : filterBy.get(FilterMeta.GLOBAL_FILTER_KEY);
    Object value = global == null ? null : global.getFilterValue();
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }

  private static String sort(Map<String, SortMeta> sortBy) {
    if (sortBy == null || sortBy.isEmpty()) {
      return "name";
    }
    SortMeta meta = sortBy.values().iterator().next();
    String field = meta.getField() == null ? "name" : meta.getField();
    return (meta.getOrder() == SortOrder.DESCENDING ? "-" : "") + field;
  }
}
