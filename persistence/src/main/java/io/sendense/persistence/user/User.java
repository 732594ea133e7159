package io.sendense.persistence.user;

import io.sendense.persistence.common.CatalogEntity;
import jakarta.persistence.*;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A person or automation account that can log in; roles decide what it may change. */
@Entity
@Table(name = "users")
@NamedQueries({
  @NamedQuery(
      name = "User.byUsername",
      query = "SELECT u FROM User u WHERE u.username = :username"),
  @NamedQuery(name = "User.all", query = "SELECT u FROM User u ORDER BY u.username"),
  @NamedQuery(name = "User.count", query = "SELECT COUNT(u) FROM User u")
})
public class User extends CatalogEntity {

  @Column(name = "username", nullable = false, length = 64)
  private String username;

  @Column(name = "display_name")
  private String displayName;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(name = "enabled")
  private boolean enabled = true;

  @Column(name = "theme", nullable = false)
  private String theme = "light";

  /** The zone the pages show times in; null follows the browser's. */
  @Column(name = "time_zone", length = 64)
  private String timeZone;

  @Column(name = "created_at")
  private Instant createdAt = Instant.now();

  @Column(name = "last_login_at")
  private Instant lastLoginAt;

  @Column(name = "password_change_required")
  private boolean passwordChangeRequired;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "role_name")
  private Set<String> roles = new HashSet<>();

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getTheme() {
    return theme;
  }

  public void setTheme(String theme) {
    this.theme = theme;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  public Instant getLastLoginAt() {
    return lastLoginAt;
  }

  public void setLastLoginAt(Instant lastLoginAt) {
    this.lastLoginAt = lastLoginAt;
  }

  /** Whether the user must choose a new password before using the pages (the first admin). */
  public boolean isPasswordChangeRequired() {
    return passwordChangeRequired;
  }

  public void setPasswordChangeRequired(boolean passwordChangeRequired) {
    this.passwordChangeRequired = passwordChangeRequired;
  }

  public Set<String> getRoles() {
    return roles;
  }

  public void setRoles(Set<String> roles) {
    this.roles = roles;
  }
}
