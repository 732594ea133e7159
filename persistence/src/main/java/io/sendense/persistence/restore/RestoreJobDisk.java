package io.sendense.persistence.restore;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One disk of a restore: whether all its data reached the new VM, and how long it took. */
@Embeddable
public class RestoreJobDisk {
  @Column(name = "disk_key")
  private int diskKey;

  @Column(name = "disk_index")
  private int diskIndex;

  @Column(name = "label")
  private String label;

  @Column(name = "capacity_bytes")
  private long capacityBytes;

  @Column(name = "uploaded")
  private boolean uploaded;

  @Column(name = "bytes_sent")
  private long bytesSent;

  @Column(name = "duration_ms")
  private Long durationMs;

  protected RestoreJobDisk() {}

  public RestoreJobDisk(int diskKey, int diskIndex, String label, long capacityBytes) {
    this.diskKey = diskKey;
    this.diskIndex = diskIndex;
    this.label = label;
    this.capacityBytes = capacityBytes;
  }

  public int getDiskKey() {
    return diskKey;
  }

  public int getDiskIndex() {
    return diskIndex;
  }

  public String getLabel() {
    return label;
  }

  public long getCapacityBytes() {
    return capacityBytes;
  }

  public boolean isUploaded() {
    return uploaded;
  }

  public long getBytesSent() {
    return bytesSent;
  }

  public Long getDurationMs() {
    return durationMs;
  }

  public void uploaded(long bytesSent, long durationMs) {
    this.uploaded = true;
    this.bytesSent = bytesSent;
    this.durationMs = durationMs;
  }

  /** The new VM is gone: the disk has to be written again. */
  public void reset() {
    this.uploaded = false;
    this.bytesSent = 0;
    this.durationMs = null;
  }
}
