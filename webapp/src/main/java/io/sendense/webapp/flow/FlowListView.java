package io.sendense.webapp.flow;

import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.retention.RetentionEventDto;
import io.sendense.webapp.retention.RetentionService;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.shell.Messages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.primefaces.model.LazyDataModel;

/**
 * The Protection Flows page: the table with live status (polled while a flow runs), Run Now,
 * enable, disable, delete, bulk actions and each flow's executions. The form is {@link FlowEditor}.
 */
@Named
@ViewScoped
public class FlowListView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient FlowQueries flows;
  @Inject transient FlowActions actions;
  @Inject transient SecurityContext security;
  @Inject transient RetentionService retention;

  private String statusFilter;
  private Boolean anyBusy;
  private final FlowRows rows =
      new FlowRows() {
        private static final long serialVersionUID = 1L;

        @Override
        protected FlowQueries flows() {
          return flows;
        }

        @Override
        protected String status() {
          return statusFilter;
        }
      };
  private List<FlowDto> selected = new ArrayList<>();
  private FlowDto historyOf;
  private List<FlowRunDto> history = List.of();
  private List<RetentionEventDto> retentionHistory = List.of();

  /** The flows a page at a time, read from the catalog as the table shows them. */
  public LazyDataModel<FlowDto> getRows() {
    return rows;
  }

  /** The {@code status} page parameter: the dashboard links here for one status. */
  public String getStatusFilter() {
    return statusFilter;
  }

  public void setStatusFilter(String statusFilter) {
    this.statusFilter = statusFilter;
  }

  /** Reloads the table (the poll and every action): the table reads its page again anyway. */
  public void refresh() {
    anyBusy = null;
    if (historyOf != null) {
      history = flows.executions(historyOf.id(), 30);
    }
  }

  /** Whether a flow runs now: the table polls until none does. */
  public boolean isAnyBusy() {
    if (anyBusy == null) {
      anyBusy = flows.anyRunning();
    }
    return anyBusy;
  }

  public void runNow(FlowDto row) {
    try {
      FlowRunDto execution = actions.runNow(row.id(), caller());
      Messages.info(
          "Started " + row.name(),
          "Execution #" + execution.id() + ": " + execution.vmsTotal() + " VM(s)");
    } catch (Refusal e) {
      Messages.error("Not started", e.getMessage());
    }
    refresh();
  }

  public void setEnabled(FlowDto row, boolean enabled) {
    try {
      actions.setEnabled(row.id(), enabled, caller());
      Messages.info(row.name() + (enabled ? " enabled" : " disabled"), null);
    } catch (Refusal e) {
      Messages.error("Not changed", e.getMessage());
    }
    refresh();
  }

  public void delete(FlowDto row) {
    try {
      actions.delete(row.id(), caller());
      Messages.info("Deleted " + row.name(), "Its restore points stay");
    } catch (Refusal e) {
      Messages.error("Not deleted", e.getMessage());
    }
    refresh();
  }

  public void bulk(String action) {
    List<Long> ids = selected.stream().map(FlowDto::id).toList();
    if (ids.isEmpty()) {
      Messages.error("Nothing selected", "Tick the flows first");
      return;
    }
    BulkResult result;
    try {
      result =
          switch (action) {
            case "run" -> actions.bulkRun(ids, caller());
            case "enable" -> actions.bulkEnable(ids, true, caller());
            case "disable" -> actions.bulkEnable(ids, false, caller());
            default -> actions.bulkDelete(ids, caller());
          };
    } catch (Refusal e) {
      Messages.error("Not allowed", e.getMessage());
      return;
    }
    String refused =
        result.items().stream()
            .filter(i -> !i.ok())
            .map(i -> "#" + i.id() + ": " + i.message())
            .reduce((a, b) -> a + "; " + b)
            .orElse(null);
    if (result.refused() == 0) {
      Messages.info(action + ": " + result.succeeded() + " flow(s)", null);
    } else {
      Messages.error(
          action + ": " + result.succeeded() + " done, " + result.refused() + " refused", refused);
    }
    selected = new ArrayList<>();
    refresh();
  }

  public void showHistory(FlowDto row) {
    historyOf = row;
    history = flows.executions(row.id(), 30);
    retentionHistory = retention.history(row.id(), 200);
  }

  public boolean isAdmin() {
    return security.isCallerInRole(Roles.ADMIN);
  }

  public boolean isOperator() {
    return security.isCallerInRole(Roles.OPERATOR);
  }

  /** The tag colour of a status. */
  public String severity(String status) {
    return switch (status) {
      case "SUCCESS" -> "success";
      case "WARNING", "PARTIAL", "SKIPPED" -> "warning";
      case "FAILED" -> "danger";
      case "RUNNING", "STARTING" -> "info";
      default -> "secondary";
    };
  }

  /** The status as the table says it: "Never run" rather than NEVER_RUN. */
  public String label(String status) {
    String s = status.replace('_', ' ').toLowerCase();
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private Caller caller() {
    return Caller.ofPage(security);
  }

  public List<FlowDto> getSelected() {
    return selected;
  }

  public void setSelected(List<FlowDto> selected) {
    this.selected = selected == null ? new ArrayList<>() : selected;
  }

  public FlowDto getHistoryOf() {
    return historyOf;
  }

  public List<RetentionEventDto> getRetentionHistory() {
    return retentionHistory;
  }

  public List<FlowRunDto> getHistory() {
    return history;
  }
}
