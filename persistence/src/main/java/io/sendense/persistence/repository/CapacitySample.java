package io.sendense.persistence.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One reading of a repository's capacity, kept for the capacity trend and its forecast. */
@Entity
@Table(name = "repository_capacity_samples")
public class CapacitySample {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "repository_id", nullable = false)
  private long repositoryId;

  @Column(name = "sampled_at", nullable = false)
  private Instant sampledAt;

  @Column(name = "total_bytes", nullable = false)
  private long totalBytes;

  @Column(name = "used_bytes", nullable = false)
  private long usedBytes;

  @Column(name = "free_bytes", nullable = false)
  private long freeBytes;

  protected CapacitySample() {}

  public CapacitySample(
      long repositoryId, Instant sampledAt, long totalBytes, long usedBytes, long freeBytes) {
    this.repositoryId = repositoryId;
    this.sampledAt = sampledAt;
    this.totalBytes = totalBytes;
    this.usedBytes = usedBytes;
    this.freeBytes = freeBytes;
  }

  public Long getId() {
    return id;
  }

  public long getRepositoryId() {
    return repositoryId;
  }

  public Instant getSampledAt() {
    return sampledAt;
  }

  public long getTotalBytes() {
    return totalBytes;
  }

  public long getUsedBytes() {
    return usedBytes;
  }

  public long getFreeBytes() {
    return freeBytes;
  }
}
