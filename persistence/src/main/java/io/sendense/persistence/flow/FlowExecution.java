package io.sendense.persistence.flow;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.common.Columns;
import jakarta.persistence.*;
import java.time.Instant;

/** One run of a protection flow; ends only when all its backup jobs end. */
@Entity
@Table(name = "flow_executions")
@NamedQueries({
  @NamedQuery(
      name = "FlowExecution.byFlow",
      query =
          "SELECT e FROM FlowExecution e WHERE e.flow = :flow ORDER BY e.startedAt DESC, e.id DESC"),
  @NamedQuery(
      name = "FlowExecution.allRunning",
      query =
          "SELECT e FROM FlowExecution e WHERE e.status = io.sendense.persistence.flow.ExecutionStatus.RUNNING ORDER BY e.startedAt"),
  @NamedQuery(
      name = "FlowExecution.since",
      query =
          "SELECT e FROM FlowExecution e WHERE e.startedAt >= :since ORDER BY e.startedAt DESC"),
  @NamedQuery(
      name = "FlowExecution.running",
      query =
          "SELECT e FROM FlowExecution e WHERE e.flow = :flow AND e.status = io.sendense.persistence.flow.ExecutionStatus.RUNNING")
})
public class FlowExecution extends CatalogEntity {

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "flow_id")
  private ProtectionFlow flow;

  @Enumerated(EnumType.STRING)
  @Column(name = "trigger_kind", nullable = false)
  private TriggerKind triggerKind;

  @Column(name = "triggered_by")
  private String triggeredBy;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private ExecutionStatus status = ExecutionStatus.RUNNING;

  @Column(name = "started_at")
  private Instant startedAt = Instant.now();

  @Column(name = "completed_at")
  private Instant completedAt;

  @Column(name = "vms_total")
  private int vmsTotal;

  @Column(name = "vms_succeeded")
  private int vmsSucceeded;

  @Column(name = "vms_failed")
  private int vmsFailed;

  @Column(name = "message")
  private String message;

  public ProtectionFlow getFlow() {
    return flow;
  }

  public void setFlow(ProtectionFlow flow) {
    this.flow = flow;
  }

  public TriggerKind getTriggerKind() {
    return triggerKind;
  }

  public void setTriggerKind(TriggerKind triggerKind) {
    this.triggerKind = triggerKind;
  }

  public String getTriggeredBy() {
    return triggeredBy;
  }

  public void setTriggeredBy(String triggeredBy) {
    this.triggeredBy = triggeredBy;
  }

  public ExecutionStatus getStatus() {
    return status;
  }

  public void setStatus(ExecutionStatus status) {
    this.status = status;
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

  public int getVmsTotal() {
    return vmsTotal;
  }

  public void setVmsTotal(int vmsTotal) {
    this.vmsTotal = vmsTotal;
  }

  public int getVmsSucceeded() {
    return vmsSucceeded;
  }

  public void setVmsSucceeded(int vmsSucceeded) {
    this.vmsSucceeded = vmsSucceeded;
  }

  public int getVmsFailed() {
    return vmsFailed;
  }

  public void setVmsFailed(int vmsFailed) {
    this.vmsFailed = vmsFailed;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = Columns.fit(message, 2000);
  }

  public boolean isEnded() {
    return status != ExecutionStatus.RUNNING;
  }
}
