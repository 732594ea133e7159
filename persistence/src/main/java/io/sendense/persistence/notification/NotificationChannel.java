package io.sendense.persistence.notification;

import io.sendense.persistence.common.CatalogEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where notifications go: one SMTP account and its recipients, or one webhook URL. */
@Entity
@Table(name = "notification_channels")
public class NotificationChannel extends CatalogEntity {
  /** The two ways the hub notifies. */
  public enum Kind {
    EMAIL,
    WEBHOOK
  }

  @Column(name = "name", nullable = false)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", nullable = false)
  private Kind kind;

  @Column(name = "enabled", nullable = false)
  private boolean enabled = true;

  @Column(name = "config_json", nullable = false)
  private String configJson = "{}";

  @Column(name = "secret_ciphertext")
  private String secretCiphertext;

  @Column(name = "created_at", insertable = false, updatable = false)
  private Instant createdAt;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Kind getKind() {
    return kind;
  }

  public void setKind(Kind kind) {
    this.kind = kind;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
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

  public Instant getCreatedAt() {
    return createdAt;
  }
}
