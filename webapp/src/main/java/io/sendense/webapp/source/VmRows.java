package io.sendense.webapp.source;

import io.sendense.webapp.common.CatalogRows;
import java.util.List;

/**
 * VMs a page at a time from the catalog as a lazy table asks for them: the global filter searches
 * names, a column's {@code field} sorts, and only the page's rows are read (the VMs page, the group
 * Members dialog).
 */
public abstract class VmRows extends CatalogRows<VmDto> {
  private static final long serialVersionUID = 1L;

  protected VmRows() {
    super("name");
  }

  /** The service to read from (views hold it as a transient injection). */
  protected abstract VmService vms();

  /** Whether VMs gone from vCenter are listed too. */
  protected boolean includeGone() {
    return false;
  }

  @Override
  protected long total(String search) {
    return vms().count(null, search, null, includeGone());
  }

  @Override
  protected List<VmDto> page(String search, String sort, int first, int size) {
    return vms().rows(null, search, null, includeGone(), sort, first, size);
  }

  @Override
  protected long id(VmDto vm) {
    return vm.id();
  }

  @Override
  protected VmDto find(long id) {
    return vms().get(id);
  }
}
