package io.sendense.persistence.flow;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.common.Columns;
import io.sendense.persistence.source.Vm;
import jakarta.persistence.*;
import java.time.Instant;

/** One VM of a flow execution: its backup job and how it ended. */
@Entity
@Table(name = "flow_execution_vms")
@NamedQueries({
  @NamedQuery(
      name = "FlowExecutionVm.byExecution",
      query = "SELECT v FROM FlowExecutionVm v WHERE v.execution = :execution ORDER BY v.id"),
  @NamedQuery(
      name = "FlowExecutionVm.byExecutionAndVm",
      query = "SELECT v FROM FlowExecutionVm v WHERE v.execution.id = :execution AND v.vm.id = :vm")
})
public class FlowExecutionVm extends CatalogEntity {

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "flow_execution_id")
  private FlowExecution execution;

  @ManyToOne(fetch = FetchType.LAZY, optional = true)
  @JoinColumn(name = "vm_context_id")
  private Vm vm;

  @Column(name = "vm_name", nullable = false)
  private String vmName;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private VmRunStatus status = VmRunStatus.PENDING;

  @Column(name = "job_id")
  private Long jobId;

  @Column(name = "job_execution_id")
  private Long jobExecutionId;

  @Column(name = "backup_id")
  private Long backupId;

  @Column(name = "message")
  private String message;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  protected FlowExecutionVm() {}

  public FlowExecutionVm(FlowExecution execution, Vm vm) {
    this.execution = execution;
    this.vm = vm;
    this.vmName = vm.getName();
  }

  public FlowExecution getExecution() {
    return execution;
  }

  public Vm getVm() {
    return vm;
  }

  public String getVmName() {
    return vmName;
  }

  public VmRunStatus getStatus() {
    return status;
  }

  public void setStatus(VmRunStatus status) {
    this.status = status;
  }

  /** The hub's backup job (the job console's row). */
  public Long getJobId() {
    return jobId;
  }

  public void setJobId(Long jobId) {
    this.jobId = jobId;
  }

  /** The batch execution that ran the job, once it started. */
  public Long getJobExecutionId() {
    return jobExecutionId;
  }

  public void setJobExecutionId(Long jobExecutionId) {
    this.jobExecutionId = jobExecutionId;
  }

  public Long getBackupId() {
    return backupId;
  }

  public void setBackupId(Long backupId) {
    this.backupId = backupId;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = Columns.fit(message, 2000);
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(Instant startedAt) {
    this.startedAt = startedAt;
  }

  public Instant getCompletedAt() {
    return completedAt;
  }

  public void setCompletedAt(Instant completedAt) {
    this.completedAt = completedAt;
  }
}
