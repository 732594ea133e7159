package io.sendense.webapp.job;

import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.shell.Messages;
import io.sendense.webapp.vmrestore.VmRestoreActions;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The job console: backup jobs newest first with live progress, filtered by status, VM, flow and
 * day; the executions and steps of one job; stop, restart, abandon and cancel for operators.
 */
@Named
@ViewScoped
public class JobListView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient JobService jobs;
  @Inject transient JobActions actions;
  @Inject transient VmRestoreActions restores;
  @Inject transient SecurityContext security;
  @Inject transient Clock clock;
  @Inject transient io.sendense.webapp.shell.UserZone userZone;

  private String status;
  private String vmName;
  private Long flowId;
  private Long jobId;
  private LocalDate day;
  private final Rows rows = new Rows();
  private JobDetailDto detail;

  /** Now, for the run time of running jobs. */
  public Instant getNow() {
    return clock.instant();
  }

  /** The console's rows, a page at a time from the catalog (read again at every render). */
  public LazyDataModel<JobDto> getRows() {
    return rows;
  }

  private JobQuery query(int limit) {
    // The day as the user reads the page's times: in their zone.
    Instant from = day == null ? null : day.atStartOfDay(userZone.zone()).toInstant();
    return new JobQuery(
        status,
        vmName,
        null,
        flowId,
        null,
        from,
        from == null ? null : from.plusSeconds(86_400),
        limit);
  }

  /** One page of the console as the table asks for it. */
  private final class Rows extends LazyDataModel<JobDto> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) jobs.consoleTotal(query(1));
    }

    @Override
    public List<JobDto> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      // The table asked count() just before: the rows only, not the totals again.
      return jobs.consoleRows(query(pageSize), first, pageSize);
    }

    @Override
    public String getRowKey(JobDto job) {
      return job.jobName() + "-" + job.id();
    }

    @Override
    public JobDto getRowData(String rowKey) {
      List<JobDto> shown = getWrappedData();
      return shown == null
          ? null
          : shown.stream().filter(j -> getRowKey(j).equals(rowKey)).findFirst().orElse(null);
    }
  }

  /** Re-reads the rows (the page polls this while jobs run). */
  public void refresh() {
    if (detail != null) {
      detail = jobs.detail(detail.job().id());
    }
  }

  /** Opens the job named by the {@code job} view parameter, if any. */
  public void load() {
    if (jobId != null) {
      show(jobId);
    }
  }

  public void show(long id) {
    try {
      detail = jobs.detail(id);
    } catch (Refusal e) {
      Messages.error("No such job", e.getMessage());
    }
  }

  public void stop(JobDto job) {
    if (job.restore()) {
      act("Cancel requested", job, () -> restores.cancel(job.id(), caller()));
      return;
    }
    act("Stop requested", job, () -> actions.stop(job.executionId(), caller()));
  }

  public void restart(JobDto job) {
    if (job.restore()) {
      act("Restart queued", job, () -> restores.restart(job.id(), caller()));
      return;
    }
    act("Restart queued", job, () -> actions.restart(job.executionId(), caller()));
  }

  private Caller caller() {
    return Caller.ofPage(security);
  }

  public void abandon(JobDto job) {
    act("Abandoned", job, () -> actions.abandon(job.executionId(), caller()));
  }

  public void cancel(JobDto job) {
    act("Cancelled", job, () -> actions.cancel(job.id(), caller()));
  }

  private void act(String done, JobDto job, Runnable action) {
    if (!security.isCallerInRole(Roles.OPERATOR)) {
      Messages.error("Not allowed", "Only operators and admins may change jobs");
      return;
    }
    try {
      action.run();
      Messages.info(done, "Job " + job.id() + " of " + job.vmName());
    } catch (Refusal e) {
      Messages.error("Not done", e.getMessage());
    } catch (RuntimeException e) {
      Messages.error("Not done", String.valueOf(e.getMessage()));
    }
    refresh();
  }

  public JobDetailDto getDetail() {
    return detail;
  }

  public void closeDetail() {
    detail = null;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getVmName() {
    return vmName;
  }

  public void setVmName(String vmName) {
    this.vmName = vmName;
  }

  public Long getFlowId() {
    return flowId;
  }

  public void setFlowId(Long flowId) {
    this.flowId = flowId;
  }

  public Long getJobId() {
    return jobId;
  }

  public void setJobId(Long jobId) {
    this.jobId = jobId;
  }

  public LocalDate getDay() {
    return day;
  }

  public void setDay(LocalDate day) {
    this.day = day;
  }
}
