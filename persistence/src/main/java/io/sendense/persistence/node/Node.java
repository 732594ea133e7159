package io.sendense.persistence.node;

import io.sendense.persistence.common.CatalogEntity;
import jakarta.persistence.*;
import java.time.Instant;

/**
 * A node-service data mover paired with this hub. It is known by the serial number of the client
 * certificate the hub's CA issued it at pairing; {@link NodeState#REVOKED} refuses that certificate
 * at the next TLS handshake. Whether it is online is derived from {@link #getLastSeenAt()}.
 */
@Entity
@Table(name = "nodes")
@NamedQueries({
  @NamedQuery(name = "Node.all", query = "SELECT n FROM Node n ORDER BY n.name"),
  @NamedQuery(name = "Node.bySerial", query = "SELECT n FROM Node n WHERE n.certSerial = :serial"),
  @NamedQuery(name = "Node.byName", query = "SELECT n FROM Node n WHERE n.name = :name")
})
public class Node extends CatalogEntity {

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "address")
  private String address;

  @Enumerated(EnumType.STRING)
  @Column(name = "status")
  private NodeState status = NodeState.ACTIVE;

  @Column(name = "version_string")
  private String versionString;

  @Column(name = "last_seen_at")
  private Instant lastSeenAt;

  @Column(name = "created_at")
  private Instant createdAt = Instant.now();

  @Column(name = "cert_serial")
  private String certSerial;

  @Column(name = "cert_sha256")
  private String certSha256;

  @Column(name = "paired_at")
  private Instant pairedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "draining")
  private boolean draining;

  @Column(name = "health_json")
  private String healthJson;

  /** How many jobs the node runs at once; null follows the hub's setting. */
  @Column(name = "job_limit")
  private Integer jobLimit;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public NodeState getStatus() {
    return status;
  }

  public void setStatus(NodeState status) {
    this.status = status;
  }

  public String getVersionString() {
    return versionString;
  }

  public void setVersionString(String versionString) {
    this.versionString = versionString;
  }

  public Instant getLastSeenAt() {
    return lastSeenAt;
  }

  public void setLastSeenAt(Instant lastSeenAt) {
    this.lastSeenAt = lastSeenAt;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getCertSerial() {
    return certSerial;
  }

  public void setCertSerial(String certSerial) {
    this.certSerial = certSerial;
  }

  public String getCertSha256() {
    return certSha256;
  }

  public void setCertSha256(String certSha256) {
    this.certSha256 = certSha256;
  }

  public Instant getPairedAt() {
    return pairedAt;
  }

  public void setPairedAt(Instant pairedAt) {
    this.pairedAt = pairedAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public void setRevokedAt(Instant revokedAt) {
    this.revokedAt = revokedAt;
  }

  public boolean isDraining() {
    return draining;
  }

  public void setDraining(boolean draining) {
    this.draining = draining;
  }

  public String getHealthJson() {
    return healthJson;
  }

  public void setHealthJson(String healthJson) {
    this.healthJson = healthJson;
  }

  public Integer getJobLimit() {
    return jobLimit;
  }

  public void setJobLimit(Integer jobLimit) {
    this.jobLimit = jobLimit;
  }

  /**
   * ONLINE, OFFLINE (no contact for {@code offlineAfter}), NEVER (paired, never called) or REVOKED,
   * at {@code now}.
   */
  public String state(Instant now, java.time.Duration offlineAfter) {
    if (status == NodeState.REVOKED) {
      return "REVOKED";
    }
    if (lastSeenAt == null) {
      return "NEVER";
    }
    return lastSeenAt.isAfter(now.minus(offlineAfter)) ? "ONLINE" : "OFFLINE";
  }
}
