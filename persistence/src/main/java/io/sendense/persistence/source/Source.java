package io.sendense.persistence.source;

import io.sendense.persistence.common.CatalogEntity;
import jakarta.persistence.*;
import java.time.Instant;

/**
 * A hypervisor endpoint (vCenter or ESXi) served by a source plugin; its secret is stored
 * encrypted.
 */
@Entity
@Table(name = "sources")
@NamedQueries({@NamedQuery(name = "Source.all", query = "SELECT s FROM Source s ORDER BY s.name")})
public class Source extends CatalogEntity {

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "plugin_id", nullable = false)
  private String pluginId;

  @Column(name = "host", nullable = false)
  private String host;

  @Column(name = "port")
  private int port = 443;

  @Column(name = "username", nullable = false)
  private String username;

  @Column(name = "secret_ciphertext")
  private String secretCiphertext;

  @Column(name = "tls_mode")
  private String tlsMode = "PINNED";

  @Column(name = "tls_thumbprint")
  private String tlsThumbprint;

  @Column(name = "config_json")
  private String configJson;

  /** The node that runs this source's backups; null for the hub. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "node_id")
  private io.sendense.persistence.node.Node node;

  @Column(name = "enabled")
  private boolean enabled = true;

  @Column(name = "last_discovery_at")
  private Instant lastDiscoveryAt;

  @Column(name = "last_discovery_status")
  private String lastDiscoveryStatus;

  @Column(name = "last_discovery_message")
  private String lastDiscoveryMessage;

  @Column(name = "created_at")
  private Instant createdAt = Instant.now();

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPluginId() {
    return pluginId;
  }

  public void setPluginId(String pluginId) {
    this.pluginId = pluginId;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getSecretCiphertext() {
    return secretCiphertext;
  }

  public void setSecretCiphertext(String secretCiphertext) {
    this.secretCiphertext = secretCiphertext;
  }

  public String getTlsMode() {
    return tlsMode;
  }

  public void setTlsMode(String tlsMode) {
    this.tlsMode = tlsMode;
  }

  public String getTlsThumbprint() {
    return tlsThumbprint;
  }

  public void setTlsThumbprint(String tlsThumbprint) {
    this.tlsThumbprint = tlsThumbprint;
  }

  public String getConfigJson() {
    return configJson;
  }

  public void setConfigJson(String configJson) {
    this.configJson = configJson;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Instant getLastDiscoveryAt() {
    return lastDiscoveryAt;
  }

  public void setLastDiscoveryAt(Instant lastDiscoveryAt) {
    this.lastDiscoveryAt = lastDiscoveryAt;
  }

  public String getLastDiscoveryStatus() {
    return lastDiscoveryStatus;
  }

  public void setLastDiscoveryStatus(String lastDiscoveryStatus) {
    this.lastDiscoveryStatus = lastDiscoveryStatus;
  }

  public String getLastDiscoveryMessage() {
    return lastDiscoveryMessage;
  }

  public void setLastDiscoveryMessage(String lastDiscoveryMessage) {
    this.lastDiscoveryMessage = lastDiscoveryMessage;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  public io.sendense.persistence.node.Node getNode() {
    return node;
  }

  public void setNode(io.sendense.persistence.node.Node node) {
    this.node = node;
  }
}
