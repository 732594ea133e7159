package io.sendense.persistence.repository;

import io.sendense.persistence.common.CatalogEntity;
import jakarta.persistence.*;
import java.time.Instant;

/** A place restore points are written to, of a storage type served by a plugin. */
@Entity
@Table(name = "repositories")
@NamedQueries({
  @NamedQuery(name = "Repository.all", query = "SELECT r FROM Repository r ORDER BY r.name"),
  @NamedQuery(name = "Repository.byName", query = "SELECT r FROM Repository r WHERE r.name = :name")
})
public class Repository extends CatalogEntity {

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "type", nullable = false)
  private String type;

  @Column(name = "config_json", nullable = false)
  private String configJson = "{}";

  @Column(name = "secret_ciphertext")
  private String secretCiphertext;

  @Column(name = "enabled")
  private boolean enabled = true;

  @Column(name = "capacity_total_bytes")
  private Long capacityTotalBytes;

  @Column(name = "capacity_used_bytes")
  private Long capacityUsedBytes;

  @Column(name = "capacity_free_bytes")
  private Long capacityFreeBytes;

  @Column(name = "capacity_checked_at")
  private Instant capacityCheckedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "status")
  private RepositoryStatus status = RepositoryStatus.UNKNOWN;

  @Column(name = "status_message")
  private String statusMessage;

  @Column(name = "verify_interval_days")
  private int verifyIntervalDays = 7;

  @Column(name = "next_verify_at")
  private Instant nextVerifyAt;

  @Column(name = "last_verified_at")
  private Instant lastVerifiedAt;

  @Column(name = "last_verify_summary")
  private String lastVerifySummary;

  @Column(name = "created_at")
  private Instant createdAt = Instant.now();

  /** The passphrase of encrypted points, sealed by the hub's secret cipher; null: plain points. */
  @Column(name = "encryption_passphrase")
  private String encryptionPassphrase;

  @Column(name = "passphrase_exported_at")
  private Instant passphraseExportedAt;

  @Column(name = "passphrase_exported_by")
  private String passphraseExportedBy;

  /**
   * The node this repository is reachable from (e.g. a folder on the node): its backups run there,
   * whatever the flow or source names; null: the hub and any node reach it.
   */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "node_id")
  private io.sendense.persistence.node.Node node;

  public io.sendense.persistence.node.Node getNode() {
    return node;
  }

  public void setNode(io.sendense.persistence.node.Node node) {
    this.node = node;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getConfigJson() {
    return configJson;
  }

  public void setConfigJson(String configJson) {
    this.configJson = configJson;
  }

  public String getSecretCiphertext() {
    return secretCiphertext;
  }

  public void setSecretCiphertext(String secretCiphertext) {
    this.secretCiphertext = secretCiphertext;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Long getCapacityTotalBytes() {
    return capacityTotalBytes;
  }

  public void setCapacityTotalBytes(Long capacityTotalBytes) {
    this.capacityTotalBytes = capacityTotalBytes;
  }

  public Long getCapacityUsedBytes() {
    return capacityUsedBytes;
  }

  public void setCapacityUsedBytes(Long capacityUsedBytes) {
    this.capacityUsedBytes = capacityUsedBytes;
  }

  public Long getCapacityFreeBytes() {
    return capacityFreeBytes;
  }

  public void setCapacityFreeBytes(Long capacityFreeBytes) {
    this.capacityFreeBytes = capacityFreeBytes;
  }

  public Instant getCapacityCheckedAt() {
    return capacityCheckedAt;
  }

  public void setCapacityCheckedAt(Instant capacityCheckedAt) {
    this.capacityCheckedAt = capacityCheckedAt;
  }

  public RepositoryStatus getStatus() {
    return status;
  }

  public void setStatus(RepositoryStatus status) {
    this.status = status;
  }

  public String getStatusMessage() {
    return statusMessage;
  }

  public void setStatusMessage(String statusMessage) {
    this.statusMessage = statusMessage;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  public int getVerifyIntervalDays() {
    return verifyIntervalDays;
  }

  public void setVerifyIntervalDays(int verifyIntervalDays) {
    this.verifyIntervalDays = verifyIntervalDays;
  }

  public Instant getNextVerifyAt() {
    return nextVerifyAt;
  }

  public void setNextVerifyAt(Instant nextVerifyAt) {
    this.nextVerifyAt = nextVerifyAt;
  }

  public Instant getLastVerifiedAt() {
    return lastVerifiedAt;
  }

  public void setLastVerifiedAt(Instant lastVerifiedAt) {
    this.lastVerifiedAt = lastVerifiedAt;
  }

  public String getLastVerifySummary() {
    return lastVerifySummary;
  }

  public void setLastVerifySummary(String lastVerifySummary) {
    this.lastVerifySummary = lastVerifySummary;
  }

  public String getEncryptionPassphrase() {
    return encryptionPassphrase;
  }

  public void setEncryptionPassphrase(String sealed) {
    this.encryptionPassphrase = sealed;
  }

  public Instant getPassphraseExportedAt() {
    return passphraseExportedAt;
  }

  public void setPassphraseExportedAt(Instant at) {
    this.passphraseExportedAt = at;
  }

  public String getPassphraseExportedBy() {
    return passphraseExportedBy;
  }

  public void setPassphraseExportedBy(String username) {
    this.passphraseExportedBy = username;
  }

  @Column(name = "immutable_days")
  private int immutableDays;

  public int getImmutableDays() {
    return immutableDays;
  }

  public void setImmutableDays(int immutableDays) {
    this.immutableDays = immutableDays;
  }
}
