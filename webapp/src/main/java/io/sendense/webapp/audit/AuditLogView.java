package io.sendense.webapp.audit;

import io.sendense.persistence.audit.AuditEntry;
import io.sendense.persistence.audit.AuditFilter;
import io.sendense.webapp.common.Page;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The audit log page (admins): newest first, a page at a time from the catalog, filtered there by
 * user, action and a time range (UTC), so it costs the same with a hundred entries or a million.
 */
@Named
@ViewScoped
public class AuditLogView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient AuditService audit;
  @Inject transient io.sendense.webapp.shell.UserZone userZone;
  private String user;
  private String action;
  private LocalDateTime from;
  private LocalDateTime to;
  private final Rows rows = new Rows();

  public LazyDataModel<AuditRow> getRows() {
    return rows;
  }

  /** Shows the first page of what the new filter lets through. */
  public void applyFilter() {
    UIComponent table =
        FacesContext.getCurrentInstance().getViewRoot().findComponent("audit:table");
    if (table instanceof DataTable t) {
      t.setFirst(0);
    }
  }

  /** The filter as the fields say now; a time is read in the user's zone, as the table shows. */
  AuditFilter filter() {
    return new AuditFilter(blankToNull(user), blankToNull(action), inZone(from), inZone(to));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private Instant inZone(LocalDateTime time) {
    return time == null ? null : time.atZone(userZone.zone()).toInstant();
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public LocalDateTime getFrom() {
    return from;
  }

  public void setFrom(LocalDateTime from) {
    this.from = from;
  }

  public LocalDateTime getTo() {
    return to;
  }

  public void setTo(LocalDateTime to) {
    this.to = to;
  }

  /** A page of entries as the table asks for it; the filter comes from the fields above. */
  private final class Rows extends LazyDataModel<AuditRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) audit.page(filter(), 0, 1).total();
    }

    @Override
    public List<AuditRow> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      Page<AuditEntry> page = audit.page(filter(), first, pageSize);
      setRowCount((int) page.total());
      return page.items().stream().map(AuditRow::of).toList();
    }

    @Override
    public String getRowKey(AuditRow row) {
      return String.valueOf(row.id());
    }
  }
}
