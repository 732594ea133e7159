package io.sendense.persistence.backup;

import jakarta.persistence.*;
import java.time.Instant;

/** Progress of a running backup at one moment, kept as history for charts. */
@Entity
@Table(name = "telemetry_snapshots")
@NamedQueries({
  @NamedQuery(
      name = "TelemetrySnapshot.byBackup",
      query =
          "SELECT t FROM TelemetrySnapshot t WHERE t.backup = :backup ORDER BY t.capturedAt, t.id")
})
public class TelemetrySnapshot {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "backup_id")
  private Backup backup;

  @Column(name = "captured_at")
  private Instant capturedAt = Instant.now();

  @Enumerated(EnumType.STRING)
  @Column(name = "phase", nullable = false)
  private BackupJobPhase phase;

  @Column(name = "bytes_done")
  private long bytesDone;

  @Column(name = "bytes_total")
  private long bytesTotal;

  @Column(name = "rate_bps")
  private long rateBps;

  @Column(name = "eta_seconds")
  private Long etaSeconds;

  @Column(name = "disk_progress")
  private String diskProgress;

  public Long getId() {
    return id;
  }

  public Backup getBackup() {
    return backup;
  }

  public void setBackup(Backup backup) {
    this.backup = backup;
  }

  public Instant getCapturedAt() {
    return capturedAt;
  }

  public void setCapturedAt(Instant capturedAt) {
    this.capturedAt = capturedAt;
  }

  public BackupJobPhase getPhase() {
    return phase;
  }

  public void setPhase(BackupJobPhase phase) {
    this.phase = phase;
  }

  public long getBytesDone() {
    return bytesDone;
  }

  public void setBytesDone(long bytesDone) {
    this.bytesDone = bytesDone;
  }

  public long getBytesTotal() {
    return bytesTotal;
  }

  public void setBytesTotal(long bytesTotal) {
    this.bytesTotal = bytesTotal;
  }

  public long getRateBps() {
    return rateBps;
  }

  public void setRateBps(long rateBps) {
    this.rateBps = rateBps;
  }

  public Long getEtaSeconds() {
    return etaSeconds;
  }

  public void setEtaSeconds(Long etaSeconds) {
    this.etaSeconds = etaSeconds;
  }

  public String getDiskProgress() {
    return diskProgress;
  }

  public void setDiskProgress(String diskProgress) {
    this.diskProgress = diskProgress;
  }
}
