package io.sendense.persistence.lifecycle;

import io.sendense.persistence.common.Columns;
import jakarta.persistence.*;
import java.time.Instant;

/** A line of a flow's retention history. Kept when the point, the VM or the flow goes. */
@Entity
@Table(name = "retention_events")
@NamedQueries({
  @NamedQuery(
      name = "RetentionEvent.ofFlow",
      query =
          "SELECT e FROM RetentionEvent e WHERE e.flowId = :flow ORDER BY e.occurredAt DESC, e.id DESC"),
  @NamedQuery(
      name = "RetentionEvent.ofBackup",
      query = "SELECT e FROM RetentionEvent e WHERE e.backupId = :backup ORDER BY e.id DESC")
})
public class RetentionEvent {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "flow_id")
  private Long flowId;

  @Column(name = "flow_name")
  private String flowName;

  @Column(name = "vm_context_id")
  private Long vmId;

  @Column(name = "vm_name")
  private String vmName;

  @Column(name = "backup_id")
  private Long backupId;

  @Column(name = "point_started_at")
  private Instant pointStartedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "action")
  private RetentionAction action;

  @Column(name = "detail")
  private String detail;

  @Column(name = "occurred_at")
  private Instant occurredAt = Instant.now();

  protected RetentionEvent() {}

  public RetentionEvent(
      Long flowId,
      String flowName,
      Long vmId,
      String vmName,
      Long backupId,
      Instant pointStartedAt,
      RetentionAction action,
      String detail,
      Instant occurredAt) {
    this.flowId = flowId;
    this.flowName = flowName;
    this.vmId = vmId;
    this.vmName = vmName;
    this.backupId = backupId;
    this.pointStartedAt = pointStartedAt;
    this.action = action;
    this.detail = Columns.fit(detail, 2000);
    this.occurredAt = occurredAt;
  }

  public Long getId() {
    return id;
  }

  public Long getFlowId() {
    return flowId;
  }

  public String getFlowName() {
    return flowName;
  }

  public Long getVmId() {
    return vmId;
  }

  public String getVmName() {
    return vmName;
  }

  public Long getBackupId() {
    return backupId;
  }

  public Instant getPointStartedAt() {
    return pointStartedAt;
  }

  public RetentionAction getAction() {
    return action;
  }

  public String getDetail() {
    return detail;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }
}
