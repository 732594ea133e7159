package io.sendense.persistence.backup;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.common.Columns;
import io.sendense.persistence.source.VmDisk;
import jakarta.persistence.*;
import java.time.Instant;

/** One disk image of a restore point: a QCOW2 file whose backing file is its parent's. */
@Entity
@Table(name = "backup_disks")
@NamedQueries({
  @NamedQuery(
      name = "BackupDisk.latestComplete",
      query =
          "SELECT d FROM BackupDisk d WHERE d.vmDisk = :disk AND d.backup.repository = :repository AND d.status = io.sendense.persistence.backup.BackupStatus.COMPLETE AND d.backup.status = io.sendense.persistence.backup.BackupStatus.COMPLETE AND d.backup.copyOfBackupId IS NULL ORDER BY d.completedAt DESC, d.id DESC"),
  @NamedQuery(
      name = "BackupDisk.byBackup",
      query = "SELECT d FROM BackupDisk d WHERE d.backup = :backup ORDER BY d.diskIndex"),
  @NamedQuery(
      name = "BackupDisk.childrenOf",
      query = "SELECT d FROM BackupDisk d WHERE d.parent = :disk ORDER BY d.id"),
  @NamedQuery(
      name = "BackupDisk.byFile",
      query =
          "SELECT d FROM BackupDisk d WHERE d.backup.repository.id = :repository AND d.fileName = :file"),
  @NamedQuery(
      name = "BackupDisk.inRepository",
      query =
          "SELECT d FROM BackupDisk d WHERE d.backup.repository.id = :repository ORDER BY d.id"),
  @NamedQuery(
      name = "BackupDisk.hashPending",
      query =
          "SELECT d.id FROM BackupDisk d WHERE d.hashPending = TRUE AND d.backup.status = io.sendense.persistence.backup.BackupStatus.COMPLETE ORDER BY d.id"),
  @NamedQuery(
      name = "BackupDisk.children",
      query =
          "SELECT COUNT(d) FROM BackupDisk d WHERE d.parent.backup = :backup AND d.backup <> :backup")
})
public class BackupDisk extends CatalogEntity {

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "backup_id")
  private Backup backup;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "vm_disk_id")
  private VmDisk vmDisk;

  @Column(name = "disk_index")
  private int diskIndex;

  @Column(name = "file_name", nullable = false)
  private String fileName;

  @ManyToOne(fetch = FetchType.LAZY, optional = true)
  @JoinColumn(name = "parent_id")
  private BackupDisk parent;

  @Column(name = "change_id")
  private String changeId;

  @Column(name = "capacity_bytes")
  private long capacityBytes;

  @Column(name = "bytes_read")
  private long bytesRead;

  @Column(name = "bytes_written")
  private long bytesWritten;

  @Column(name = "file_size_bytes")
  private Long fileSizeBytes;

  @Column(name = "sha256")
  private String sha256;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private BackupStatus status = BackupStatus.RUNNING;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  @Column(name = "label")
  private String label;

  @Column(name = "cluster_size")
  private Integer clusterSize;

  @Column(name = "data_bytes")
  private Long dataBytes;

  @Column(name = "backing_name")
  private String backingName;

  @Column(name = "hashed_at")
  private Instant hashedAt;

  @Column(name = "hash_pending", nullable = false)
  private boolean hashPending;

  @Column(name = "transfer_snapshot")
  private String transferSnapshot;

  @Column(name = "transfer_change_id")
  private String transferChangeId;

  @Column(name = "transfer_bytes_read")
  private Long transferBytesRead;

  @Column(name = "transfer_ms")
  private Long transferMs;

  @Column(name = "transfer_offset")
  private Long transferOffset;

  @Column(name = "transfer_done")
  private boolean transferDone;

  @Enumerated(EnumType.STRING)
  @Column(name = "change_tracking")
  private ChangeTracking changeTracking;

  @Column(name = "change_tracking_reason")
  private String changeTrackingReason;

  public Backup getBackup() {
    return backup;
  }

  public void setBackup(Backup backup) {
    this.backup = backup;
  }

  public VmDisk getVmDisk() {
    return vmDisk;
  }

  public void setVmDisk(VmDisk vmDisk) {
    this.vmDisk = vmDisk;
  }

  public int getDiskIndex() {
    return diskIndex;
  }

  public void setDiskIndex(int diskIndex) {
    this.diskIndex = diskIndex;
  }

  public String getFileName() {
    return fileName;
  }

  public void setFileName(String fileName) {
    this.fileName = fileName;
  }

  public BackupDisk getParent() {
    return parent;
  }

  public void setParent(BackupDisk parent) {
    this.parent = parent;
  }

  public String getChangeId() {
    return changeId;
  }

  public void setChangeId(String changeId) {
    this.changeId = changeId;
  }

  public long getCapacityBytes() {
    return capacityBytes;
  }

  public void setCapacityBytes(long capacityBytes) {
    this.capacityBytes = capacityBytes;
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

  public Long getFileSizeBytes() {
    return fileSizeBytes;
  }

  public void setFileSizeBytes(Long fileSizeBytes) {
    this.fileSizeBytes = fileSizeBytes;
  }

  public String getSha256() {
    return sha256;
  }

  public void setSha256(String sha256) {
    this.sha256 = sha256;
  }

  public BackupStatus getStatus() {
    return status;
  }

  public void setStatus(BackupStatus status) {
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

  public String getLabel() {
    return label;
  }

  public void setLabel(String label) {
    this.label = label;
  }

  public String getTransferSnapshot() {
    return transferSnapshot;
  }

  public void setTransferSnapshot(String transferSnapshot) {
    this.transferSnapshot = transferSnapshot;
  }

  public String getTransferChangeId() {
    return transferChangeId;
  }

  public void setTransferChangeId(String transferChangeId) {
    this.transferChangeId = transferChangeId;
  }

  public Long getTransferBytesRead() {
    return transferBytesRead;
  }

  public void setTransferBytesRead(Long transferBytesRead) {
    this.transferBytesRead = transferBytesRead;
  }

  public Long getTransferMs() {
    return transferMs;
  }

  public void setTransferMs(Long transferMs) {
    this.transferMs = transferMs;
  }

  /** Disk offset below which the transfer is committed to the partial image, or null. */
  public Long getTransferOffset() {
    return transferOffset;
  }

  public void setTransferOffset(Long transferOffset) {
    this.transferOffset = transferOffset;
  }

  public boolean isTransferDone() {
    return transferDone;
  }

  public void setTransferDone(boolean transferDone) {
    this.transferDone = transferDone;
  }

  public ChangeTracking getChangeTracking() {
    return changeTracking;
  }

  public void setChangeTracking(ChangeTracking changeTracking) {
    this.changeTracking = changeTracking;
  }

  public String getChangeTrackingReason() {
    return changeTrackingReason;
  }

  /** Sets the reason, cut to its column (1000 characters). */
  public void setChangeTrackingReason(String reason) {
    this.changeTrackingReason = Columns.fit(reason, 1000);
  }

  public Integer getClusterSize() {
    return clusterSize;
  }

  public void setClusterSize(Integer clusterSize) {
    this.clusterSize = clusterSize;
  }

  public Long getDataBytes() {
    return dataBytes;
  }

  public void setDataBytes(Long dataBytes) {
    this.dataBytes = dataBytes;
  }

  public String getBackingName() {
    return backingName;
  }

  public void setBackingName(String backingName) {
    this.backingName = backingName;
  }

  public Instant getHashedAt() {
    return hashedAt;
  }

  public void setHashedAt(Instant hashedAt) {
    this.hashedAt = hashedAt;
  }

  /**
   * Whether the image is durable and its point complete, but its SHA-256 is not recorded yet (the
   * hub's hasher records it right after the backup). A pending image is neither verified nor
   * corrupt; work that needs its hash waits for the hasher or computes it.
   */
  public boolean isHashPending() {
    return hashPending;
  }

  public void setHashPending(boolean hashPending) {
    this.hashPending = hashPending;
  }
}
