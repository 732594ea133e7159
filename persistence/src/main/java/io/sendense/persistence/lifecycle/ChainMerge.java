package io.sendense.persistence.lifecycle;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.common.Columns;
import jakarta.persistence.*;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One journal row: one disk image of a restore point being taken out of its chain. */
@Entity
@Table(name = "chain_merges")
@NamedQueries({
  @NamedQuery(
      name = "ChainMerge.unfinished",
      query =
          "SELECT m FROM ChainMerge m WHERE m.state NOT IN (io.sendense.persistence.lifecycle.MergeState.DONE, io.sendense.persistence.lifecycle.MergeState.ROLLED_BACK) ORDER BY m.id"),
  @NamedQuery(
      name = "ChainMerge.ofBackup",
      query = "SELECT m FROM ChainMerge m WHERE m.backupId = :backup ORDER BY m.id"),
  @NamedQuery(
      name = "ChainMerge.ofRepository",
      query = "SELECT m FROM ChainMerge m WHERE m.repositoryId = :repository ORDER BY m.id DESC")
})
public class ChainMerge extends CatalogEntity {

  @Column(name = "repository_id")
  private long repositoryId;

  @Column(name = "vm_context_id")
  private Long vmId;

  @Column(name = "backup_id")
  private long backupId;

  @Column(name = "disk_index")
  private int diskIndex;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind")
  private MergeKind kind;

  @Column(name = "doomed_file")
  private String doomedFile;

  @Column(name = "child_backup_id")
  private Long childBackupId;

  @Column(name = "child_file")
  private String childFile;

  @Column(name = "repoint_files")
  private String repointFiles;

  @Enumerated(EnumType.STRING)
  @Column(name = "state")
  private MergeState state = MergeState.PLANNED;

  @Column(name = "reason")
  private String reason;

  @Column(name = "requested_by")
  private String requestedBy;

  @Column(name = "flow_id")
  private Long flowId;

  @Column(name = "bytes_moved")
  private Long bytesMoved;

  @Column(name = "duration_ms")
  private Long durationMs;

  @Column(name = "detail")
  private String detail;

  @Column(name = "created_at")
  private Instant createdAt = Instant.now();

  @Column(name = "updated_at")
  private Instant updatedAt;

  public long getRepositoryId() {
    return repositoryId;
  }

  public void setRepositoryId(long repositoryId) {
    this.repositoryId = repositoryId;
  }

  public Long getVmId() {
    return vmId;
  }

  public void setVmId(Long vmId) {
    this.vmId = vmId;
  }

  public long getBackupId() {
    return backupId;
  }

  public void setBackupId(long backupId) {
    this.backupId = backupId;
  }

  public int getDiskIndex() {
    return diskIndex;
  }

  public void setDiskIndex(int diskIndex) {
    this.diskIndex = diskIndex;
  }

  public MergeKind getKind() {
    return kind;
  }

  public void setKind(MergeKind kind) {
    this.kind = kind;
  }

  public String getDoomedFile() {
    return doomedFile;
  }

  public void setDoomedFile(String doomedFile) {
    this.doomedFile = doomedFile;
  }

  public Long getChildBackupId() {
    return childBackupId;
  }

  public void setChildBackupId(Long childBackupId) {
    this.childBackupId = childBackupId;
  }

  public String getChildFile() {
    return childFile;
  }

  public void setChildFile(String childFile) {
    this.childFile = childFile;
  }

  /** The files whose backing name moves from the child's file to the surviving one. */
  public List<String> getRepointFiles() {
    return repointFiles == null || repointFiles.isEmpty()
        ? List.of()
        : Arrays.asList(repointFiles.split("\n"));
  }

  public void setRepointFiles(List<String> files) {
    this.repointFiles = files.isEmpty() ? null : String.join("\n", files);
  }

  public MergeState getState() {
    return state;
  }

  public void setState(MergeState state) {
    this.state = state;
    this.updatedAt = Instant.now();
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getRequestedBy() {
    return requestedBy;
  }

  public void setRequestedBy(String requestedBy) {
    this.requestedBy = requestedBy;
  }

  public Long getFlowId() {
    return flowId;
  }

  public void setFlowId(Long flowId) {
    this.flowId = flowId;
  }

  public Long getBytesMoved() {
    return bytesMoved;
  }

  public void setBytesMoved(Long bytesMoved) {
    this.bytesMoved = bytesMoved;
  }

  public Long getDurationMs() {
    return durationMs;
  }

  public void setDurationMs(Long durationMs) {
    this.durationMs = durationMs;
  }

  public String getDetail() {
    return detail;
  }

  /** Kept to the column's 2000 characters. */
  public void setDetail(String detail) {
    this.detail = Columns.fit(detail, 2000);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
