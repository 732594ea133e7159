package io.sendense.webapp.source;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The VMs page: every discovered VM across sources, searchable and sortable. */
@Named
@ViewScoped
public class VmListView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient VmService vms;
  private List<VmDto> rows;
  private boolean includeGone;

  public List<VmDto> getRows() {
    if (rows == null) {
      rows = vms.search(null, null, null, includeGone);
    }
    return rows;
  }

  public boolean isIncludeGone() {
    return includeGone;
  }

  public void setIncludeGone(boolean includeGone) {
    this.includeGone = includeGone;
    rows = null;
  }
}
