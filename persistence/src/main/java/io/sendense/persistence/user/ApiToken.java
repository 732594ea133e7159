package io.sendense.persistence.user;

import jakarta.persistence.*;
import java.time.Instant;

/** A bearer token for the REST API; only its SHA-256 hash is stored. */
@Entity
@Table(name = "api_tokens")
@NamedQueries({
  @NamedQuery(
      name = "ApiToken.byHash",
      query = "SELECT t FROM ApiToken t JOIN FETCH t.user WHERE t.tokenHash = :hash"),
  @NamedQuery(
      name = "ApiToken.ofUser",
      query = "SELECT t FROM ApiToken t WHERE t.user = :user ORDER BY t.createdAt DESC, t.id DESC"),
  @NamedQuery(
      name = "ApiToken.all",
      query = "SELECT t FROM ApiToken t JOIN FETCH t.user ORDER BY t.createdAt DESC, t.id DESC")
})
public class ApiToken {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id")
  private User user;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "token_hash", nullable = false, length = 64)
  private String tokenHash;

  @Column(name = "created_at")
  private Instant createdAt = Instant.now();

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  public Long getId() {
    return id;
  }

  public User getUser() {
    return user;
  }

  public void setUser(User user) {
    this.user = user;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getTokenHash() {
    return tokenHash;
  }

  public void setTokenHash(String tokenHash) {
    this.tokenHash = tokenHash;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(Instant expiresAt) {
    this.expiresAt = expiresAt;
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }

  public void setLastUsedAt(Instant lastUsedAt) {
    this.lastUsedAt = lastUsedAt;
  }
}
