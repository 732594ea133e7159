package io.sendense.persistence.node;

import io.sendense.persistence.common.CatalogEntity;
import jakarta.persistence.*;
import java.time.Instant;

/** A node-service data mover registered with this hub. */
@Entity
@Table(name = "nodes")
@NamedQueries({@NamedQuery(name = "Node.all", query = "SELECT n FROM Node n ORDER BY n.name")})
public class Node extends CatalogEntity {

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "address")
  private String address;

  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "status")
  private String status = "UNKNOWN";

  @Column(name = "version_string")
  private String versionString;

  @Column(name = "last_seen_at")
  private Instant lastSeenAt;

  @Column(name = "created_at")
  private Instant createdAt = Instant.now();

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

  public String getTokenHash() {
    return tokenHash;
  }

  public void setTokenHash(String tokenHash) {
    this.tokenHash = tokenHash;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
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

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }
}
