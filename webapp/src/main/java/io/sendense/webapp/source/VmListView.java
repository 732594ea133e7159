package io.sendense.webapp.source;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

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
  private final VmRows rows =
      new VmRows() {
        private static final long serialVersionUID = 1L;

        @Override
        protected VmService vms() {
          return vms;
        }

        @Override
        protected boolean includeGone() {
          return includeGone;
        }
      };

  public LazyDataModel<VmDto> getRows() {
    return rows;
  }

  public boolean isIncludeGone() {
    return includeGone;
  }

  public void setIncludeGone(boolean includeGone) {
    this.includeGone = includeGone;
  }
}
