package io.sendense.persistence.settings;

import jakarta.persistence.*;
import java.time.Instant;

/** One named hub setting changed from the Settings page. */
@Entity
@Table(name = "settings")
public class Setting {
  @Id
  @Column(name = "name")
  private String name;

  @Column(name = "value")
  private String value;

  @Column(name = "updated_at", insertable = false, updatable = false)
  private Instant updatedAt;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
  }
}
