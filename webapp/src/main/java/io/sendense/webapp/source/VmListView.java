package io.sendense.webapp.source;

import io.sendense.webapp.common.Page;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The VMs page: every discovered VM across sources, a page at a time from the catalog (sorted and
 * searched by name in the database), so the page costs the same with 20 VMs or 20,000.
 */
@Named
@ViewScoped
public class VmListView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient VmService vms;
  private boolean includeGone;
  private final Rows rows = new Rows();

  public LazyDataModel<VmDto> getRows() {
    return rows;
  }

  public boolean isIncludeGone() {
    return includeGone;
  }

  public void setIncludeGone(boolean includeGone) {
    this.includeGone = includeGone;
  }

  /** A page of VMs as the table asks for it: search text, sort column, offset and size. */
  private final class Rows extends LazyDataModel<VmDto> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) vms.count(null, search(filterBy), null, includeGone);
    }

    @Override
    public List<VmDto> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      Page<VmDto> page =
          vms.page(null, search(filterBy), null, includeGone, sort(sortBy), first, pageSize);
      setRowCount((int) page.total());
      return page.items();
    }

    @Override
    public String getRowKey(VmDto vm) {
      return String.valueOf(vm.id());
    }

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
      return vms.get(id);
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
}
