package io.sendense.persistence.node;

import io.sendense.persistence.common.CatalogEntity;
import jakarta.persistence.*;
import java.time.Instant;

/** A one-time token that pairs one node; only its SHA-256 is kept. */
@Entity
@Table(name = "node_pairing_tokens")
@NamedQueries({
  @NamedQuery(
      name = "PairingToken.byHash",
      query = "SELECT t FROM PairingToken t WHERE t.tokenSha256 = :hash")
})
public class PairingToken extends CatalogEntity {
  @Column(name = "token_sha256", nullable = false, length = 64)
  private String tokenSha256;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "node_id")
  private Node node;

  protected PairingToken() {}

  public PairingToken(String tokenSha256, String createdBy, Instant createdAt, Instant expiresAt) {
    this.tokenSha256 = tokenSha256;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  public String getTokenSha256() {
    return tokenSha256;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getUsedAt() {
    return usedAt;
  }

  public Node getNode() {
    return node;
  }

  /** Spends the token on {@code pairedNode}; a used token never pairs again. */
  public void use(Node pairedNode, Instant at) {
    this.usedAt = at;
    this.node = pairedNode;
  }
}
