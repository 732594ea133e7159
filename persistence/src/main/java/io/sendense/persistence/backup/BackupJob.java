package io.sendense.persistence.backup;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.common.Columns;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Vm;
import jakarta.persistence.*;
import java.time.Instant;

/**
 * One request to back up a VM, from the queue to its end: the console's row. It runs as one batch
 * job instance whose latest execution is {@link #getJobExecutionId()}; restarts add executions.
 * Progress columns are written with bulk updates (see {@link BackupJobStore#progress}) so the
 * telemetry thread never conflicts with the version of a status change.
 */
@Entity
@Table(name = "backup_jobs")
@NamedQueries({
  @NamedQuery(
      name = "BackupJob.byStatus",
      query = "SELECT j FROM BackupJob j WHERE j.status IN :statuses ORDER BY j.queuedAt, j.id"),
  @NamedQuery(
      name = "BackupJob.queuedForNode",
      query =
          "SELECT j FROM BackupJob j JOIN j.repository r JOIN j.vm v JOIN v.source s"
              + " LEFT JOIN j.flowExecution e LEFT JOIN e.flow f"
              + " WHERE j.status = io.sendense.persistence.backup.BackupJobStatus.QUEUED"
              + " AND j.jobKind = io.sendense.persistence.backup.JobKind.BACKUP"
              + " AND (r.node = :node OR (r.node IS NULL AND (f.node = :node"
              + " OR (f.node IS NULL AND s.node = :node))))"
              + " ORDER BY j.queuedAt, j.id"),
  @NamedQuery(
      name = "BackupJob.onNode",
      query =
          "SELECT j FROM BackupJob j WHERE j.node = :node AND j.status IN :statuses"
              + " ORDER BY j.queuedAt, j.id"),
  @NamedQuery(
      name = "BackupJob.byExecution",
      query = "SELECT j FROM BackupJob j WHERE j.jobExecutionId = :execution"),
  @NamedQuery(
      name = "BackupJob.byInstance",
      query = "SELECT j FROM BackupJob j WHERE j.jobInstanceId = :instance"),
  @NamedQuery(
      name = "BackupJob.byFlowExecution",
      query = "SELECT j FROM BackupJob j WHERE j.flowExecution = :execution ORDER BY j.id")
})
public class BackupJob extends CatalogEntity {
  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "vm_context_id")
  private Vm vm;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "repository_id")
  private Repository repository;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "flow_execution_id")
  private FlowExecution flowExecution;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "backup_id")
  private Backup backup;

  /** The node the job runs on; null when the hub's batch runtime runs it. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "node_id")
  private io.sendense.persistence.node.Node node;

  /** When the node last reported on this job (claim, telemetry, catalog call). */
  @Column(name = "node_contact_at")
  private Instant nodeContactAt;

  @Column(name = "requested_type", nullable = false)
  private String requestedType;

  @Column(name = "requested_by")
  private String requestedBy;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private BackupJobStatus status = BackupJobStatus.QUEUED;

  @Enumerated(EnumType.STRING)
  @Column(name = "phase")
  private BackupJobPhase phase;

  @Column(name = "wait_reason")
  private String waitReason;

  @Column(name = "job_instance_id")
  private Long jobInstanceId;

  @Column(name = "job_execution_id")
  private Long jobExecutionId;

  @Enumerated(EnumType.STRING)
  @Column(name = "end_reason")
  private JobEndReason endReason;

  @Column(name = "auto_resumed")
  private boolean autoResumed;

  @Column(name = "executions")
  private int executions;

  @Column(name = "queued_at", nullable = false)
  private Instant queuedAt = Instant.now();

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Column(name = "bytes_done")
  private long bytesDone;

  @Column(name = "bytes_total")
  private long bytesTotal;

  @Column(name = "rate_bps")
  private long rateBps;

  @Column(name = "eta_seconds")
  private Long etaSeconds;

  @Column(name = "error_message")
  private String errorMessage;

  public Vm getVm() {
    return vm;
  }

  public void setVm(Vm vm) {
    this.vm = vm;
  }

  public Repository getRepository() {
    return repository;
  }

  public void setRepository(Repository repository) {
    this.repository = repository;
  }

  public FlowExecution getFlowExecution() {
    return flowExecution;
  }

  public void setFlowExecution(FlowExecution flowExecution) {
    this.flowExecution = flowExecution;
  }

  public Backup getBackup() {
    return backup;
  }

  public void setBackup(Backup backup) {
    this.backup = backup;
  }

  public String getRequestedType() {
    return requestedType;
  }

  public void setRequestedType(String requestedType) {
    this.requestedType = requestedType;
  }

  public String getRequestedBy() {
    return requestedBy;
  }

  public void setRequestedBy(String requestedBy) {
    this.requestedBy = requestedBy;
  }

  public BackupJobStatus getStatus() {
    return status;
  }

  public void setStatus(BackupJobStatus status) {
    this.status = status;
  }

  public BackupJobPhase getPhase() {
    return phase;
  }

  public void setPhase(BackupJobPhase phase) {
    this.phase = phase;
  }

  public String getWaitReason() {
    return waitReason;
  }

  public void setWaitReason(String waitReason) {
    this.waitReason = waitReason;
  }

  public Long getJobInstanceId() {
    return jobInstanceId;
  }

  public void setJobInstanceId(Long jobInstanceId) {
    this.jobInstanceId = jobInstanceId;
  }

  public Long getJobExecutionId() {
    return jobExecutionId;
  }

  public void setJobExecutionId(Long jobExecutionId) {
    this.jobExecutionId = jobExecutionId;
  }

  public int getExecutions() {
    return executions;
  }

  public void setExecutions(int executions) {
    this.executions = executions;
  }

  public Instant getQueuedAt() {
    return queuedAt;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(Instant startedAt) {
    this.startedAt = startedAt;
  }

  public Instant getEndedAt() {
    return endedAt;
  }

  public void setEndedAt(Instant endedAt) {
    this.endedAt = endedAt;
  }

  public long getBytesDone() {
    return bytesDone;
  }

  public long getBytesTotal() {
    return bytesTotal;
  }

  public long getRateBps() {
    return rateBps;
  }

  public Long getEtaSeconds() {
    return etaSeconds;
  }

  public String getErrorMessage() {
    return errorMessage;
  }

  public void setErrorMessage(String errorMessage) {
    this.errorMessage = Columns.fit(errorMessage, 4000);
  }

  /** Why the job ended, or null while it is queued or runs. */
  public JobEndReason getEndReason() {
    return endReason;
  }

  public void setEndReason(JobEndReason endReason) {
    this.endReason = endReason;
  }

  /** Whether the hub already resumed this job by itself once after a crash. */
  public boolean isAutoResumed() {
    return autoResumed;
  }

  public void setAutoResumed(boolean autoResumed) {
    this.autoResumed = autoResumed;
  }

  public io.sendense.persistence.node.Node getNode() {
    return node;
  }

  public void setNode(io.sendense.persistence.node.Node node) {
    this.node = node;
  }

  public Instant getNodeContactAt() {
    return nodeContactAt;
  }

  public void setNodeContactAt(Instant nodeContactAt) {
    this.nodeContactAt = nodeContactAt;
  }

  @Column(name = "copy_source_backup_id")
  private Long copySourceBackupId;

  public Long getCopySourceBackupId() {
    return copySourceBackupId;
  }

  public void setCopySourceBackupId(Long copySourceBackupId) {
    this.copySourceBackupId = copySourceBackupId;
  }

  @Column(name = "copy_rule_id")
  private Long copyRuleId;

  public Long getCopyRuleId() {
    return copyRuleId;
  }

  public void setCopyRuleId(Long copyRuleId) {
    this.copyRuleId = copyRuleId;
  }

  @Column(name = "copy_mode")
  private String copyMode;

  public String getCopyMode() {
    return copyMode;
  }

  public void setCopyMode(String copyMode) {
    this.copyMode = copyMode;
  }

  @Enumerated(EnumType.STRING)
  @Column(name = "job_kind", nullable = false)
  private JobKind jobKind = JobKind.BACKUP;

  public JobKind getJobKind() {
    return jobKind;
  }

  public void setJobKind(JobKind jobKind) {
    this.jobKind = jobKind;
  }
}
