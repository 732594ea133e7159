package io.sendense.persistence.restore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The VM configuration recorded with a restore point (one per backup): the full record as JSON, the
 * file next to the point's images that holds the same, and the figures lists show. Deleted with its
 * backup (foreign key cascade).
 */
@Entity
@Table(name = "backup_vm_configs")
public class BackupVmConfig {
  @Id
  @Column(name = "backup_id")
  private Long backupId;

  @Column(name = "config_json", nullable = false)
  private String configJson;

  @Column(name = "config_file")
  private String configFile;

  @Column(name = "cpus")
  private int cpus;

  @Column(name = "memory_mib")
  private long memoryMib;

  @Column(name = "disk_bytes")
  private long diskBytes;

  @Column(name = "firmware", nullable = false)
  private String firmware;

  @Column(name = "guest_id")
  private String guestId;

  @Column(name = "recorded_at")
  private Instant recordedAt = Instant.now();

  protected BackupVmConfig() {}

  public BackupVmConfig(long backupId) {
    this.backupId = backupId;
  }

  /** Replaces the recorded configuration (a restarted backup records its new snapshot's). */
  public void record(
      String json,
      String file,
      int cpus,
      long memoryMib,
      long diskBytes,
      String firmware,
      String guestId) {
    this.configJson = json;
    this.configFile = file;
    this.cpus = cpus;
    this.memoryMib = memoryMib;
    this.diskBytes = diskBytes;
    this.firmware = firmware;
    this.guestId = guestId;
    this.recordedAt = Instant.now();
  }

  /** The configuration file was renamed in the repository (a merge handed it over). */
  public void movedTo(String file) {
    this.configFile = file;
  }

  public Long getBackupId() {
    return backupId;
  }

  public String getConfigJson() {
    return configJson;
  }

  public String getConfigFile() {
    return configFile;
  }

  public int getCpus() {
    return cpus;
  }

  public long getMemoryMib() {
    return memoryMib;
  }

  public long getDiskBytes() {
    return diskBytes;
  }

  public String getFirmware() {
    return firmware;
  }

  public String getGuestId() {
    return guestId;
  }

  public Instant getRecordedAt() {
    return recordedAt;
  }
}
