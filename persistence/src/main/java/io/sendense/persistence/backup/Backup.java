package io.sendense.persistence.backup;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.common.Columns;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.node.Node;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Vm;
import jakarta.persistence.*;
import java.time.Instant;

/** One restore point of one VM: complete only when every disk is. */
@Entity
@Table(name = "backups")
@NamedQueries({
  @NamedQuery(
      name = "Backup.byVm",
      query = "SELECT b FROM Backup b WHERE b.vm = :vm ORDER BY b.startedAt DESC, b.id DESC"),
  @NamedQuery(
      name = "Backup.byExecution",
      query = "SELECT b FROM Backup b WHERE b.flowExecution = :execution ORDER BY b.id"),
  @NamedQuery(
      name = "Backup.ofFlowAndVm",
      query =
          "SELECT b FROM Backup b WHERE b.flowExecution.flow.id = :flow AND b.vm.id = :vm AND b.status = io.sendense.persistence.backup.BackupStatus.COMPLETE ORDER BY b.startedAt, b.id"),
  @NamedQuery(
      name = "Backup.vmsOfFlow",
      query =
          "SELECT DISTINCT b.vm.id FROM Backup b WHERE b.flowExecution.flow.id = :flow AND b.status = io.sendense.persistence.backup.BackupStatus.COMPLETE"),
  @NamedQuery(
      name = "Backup.inRepository",
      query =
          "SELECT b FROM Backup b WHERE b.repository.id = :repository AND b.status = :status ORDER BY b.startedAt, b.id"),
  @NamedQuery(
      name = "Backup.byJobInstance",
      query = "SELECT b FROM Backup b WHERE b.jobInstanceId = :instance AND b.node IS NULL")
})
public class Backup extends CatalogEntity {

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "vm_context_id")
  private Vm vm;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "repository_id")
  private Repository repository;

  @ManyToOne(fetch = FetchType.LAZY, optional = true)
  @JoinColumn(name = "flow_execution_id")
  private FlowExecution flowExecution;

  @ManyToOne(fetch = FetchType.LAZY, optional = true)
  @JoinColumn(name = "node_id")
  private Node node;

  @Column(name = "job_execution_id")
  private Long jobExecutionId;

  @Enumerated(EnumType.STRING)
  @Column(name = "backup_type", nullable = false)
  private BackupType backupType;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private BackupStatus status = BackupStatus.RUNNING;

  @Column(name = "snapshot_name")
  private String snapshotName;

  @Column(name = "started_at")
  private Instant startedAt = Instant.now();

  @Column(name = "completed_at")
  private Instant completedAt;

  @Column(name = "bytes_read")
  private long bytesRead;

  @Column(name = "bytes_written")
  private long bytesWritten;

  @Column(name = "duration_ms")
  private Long durationMs;

  @Column(name = "avg_rate_bps")
  private Long avgRateBps;

  @Column(name = "peak_rate_bps")
  private Long peakRateBps;

  @Column(name = "error_message")
  private String errorMessage;

  @Column(name = "fallback_reason")
  private String fallbackReason;

  @Column(name = "locked")
  private boolean locked;

  @Column(name = "manifest_name")
  private String manifestName;

  @Enumerated(EnumType.STRING)
  @Column(name = "verification_status")
  private VerificationStatus verificationStatus;

  @Column(name = "verification_checked_at")
  private Instant verificationCheckedAt;

  @Column(name = "verification_detail")
  private String verificationDetail;

  @Column(name = "job_instance_id")
  private Long jobInstanceId;

  @Enumerated(EnumType.STRING)
  @Column(name = "change_tracking")
  private ChangeTracking changeTracking;

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

  public Node getNode() {
    return node;
  }

  public void setNode(Node node) {
    this.node = node;
  }

  public Long getJobExecutionId() {
    return jobExecutionId;
  }

  public void setJobExecutionId(Long jobExecutionId) {
    this.jobExecutionId = jobExecutionId;
  }

  public BackupType getBackupType() {
    return backupType;
  }

  public void setBackupType(BackupType backupType) {
    this.backupType = backupType;
  }

  public BackupStatus getStatus() {
    return status;
  }

  public void setStatus(BackupStatus status) {
    this.status = status;
  }

  public String getSnapshotName() {
    return snapshotName;
  }

  public void setSnapshotName(String snapshotName) {
    this.snapshotName = snapshotName;
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

  public long getBytesRead() {
    return bytesRead;
  }

  public void setBytesRead(long bytesRead) {
    this.bytesRead = bytesRead;
  }

  public long getBytesWritten() {
    return bytesWritten;
  }

  public void setBytesWritten(long bytesWritten) {
    this.bytesWritten = bytesWritten;
  }

  public Long getDurationMs() {
    return durationMs;
  }

  public void setDurationMs(Long durationMs) {
    this.durationMs = durationMs;
  }

  public Long getAvgRateBps() {
    return avgRateBps;
  }

  public void setAvgRateBps(Long avgRateBps) {
    this.avgRateBps = avgRateBps;
  }

  public Long getPeakRateBps() {
    return peakRateBps;
  }

  public void setPeakRateBps(Long peakRateBps) {
    this.peakRateBps = peakRateBps;
  }

  public String getErrorMessage() {
    return errorMessage;
  }

  /** Kept to the column's 4000 characters; a longer message ends with "...". */
  public void setErrorMessage(String errorMessage) {
    this.errorMessage = Columns.fit(errorMessage, 4000);
  }

  public String getFallbackReason() {
    return fallbackReason;
  }

  /** Sets why the point did not use changed block tracking, cut to its column. */
  public void setFallbackReason(String fallbackReason) {
    this.fallbackReason = Columns.fit(fallbackReason, 1000);
  }

  public Long getJobInstanceId() {
    return jobInstanceId;
  }

  public void setJobInstanceId(Long jobInstanceId) {
    this.jobInstanceId = jobInstanceId;
  }

  /** How the point found its data; the reason is {@link #getFallbackReason()}. */
  public ChangeTracking getChangeTracking() {
    return changeTracking;
  }

  public void setChangeTracking(ChangeTracking changeTracking) {
    this.changeTracking = changeTracking;
  }

  public boolean isLocked() {
    return locked;
  }

  public void setLocked(boolean locked) {
    this.locked = locked;
  }

  public String getManifestName() {
    return manifestName;
  }

  public void setManifestName(String manifestName) {
    this.manifestName = manifestName;
  }

  public VerificationStatus getVerificationStatus() {
    return verificationStatus;
  }

  public void setVerificationStatus(VerificationStatus verificationStatus) {
    this.verificationStatus = verificationStatus;
  }

  public Instant getVerificationCheckedAt() {
    return verificationCheckedAt;
  }

  public void setVerificationCheckedAt(Instant verificationCheckedAt) {
    this.verificationCheckedAt = verificationCheckedAt;
  }

  public String getVerificationDetail() {
    return verificationDetail;
  }

  /** Kept to the column's 2000 characters. */
  public void setVerificationDetail(String verificationDetail) {
    this.verificationDetail = Columns.fit(verificationDetail, 2000);
  }

  @Column(name = "immutable_until")
  private Instant immutableUntil;

  public Instant getImmutableUntil() {
    return immutableUntil;
  }

  public void setImmutableUntil(Instant immutableUntil) {
    this.immutableUntil = immutableUntil;
  }

  @Column(name = "file_protection")
  private String fileProtection;

  public String getFileProtection() {
    return fileProtection;
  }

  public void setFileProtection(String fileProtection) {
    this.fileProtection = fileProtection;
  }

  @Column(name = "copy_of_backup_id")
  private Long copyOfBackupId;

  public Long getCopyOfBackupId() {
    return copyOfBackupId;
  }

  public void setCopyOfBackupId(Long copyOfBackupId) {
    this.copyOfBackupId = copyOfBackupId;
  }

  @Column(name = "copy_rule_id")
  private Long copyRuleId;

  public Long getCopyRuleId() {
    return copyRuleId;
  }

  public void setCopyRuleId(Long copyRuleId) {
    this.copyRuleId = copyRuleId;
  }
}
