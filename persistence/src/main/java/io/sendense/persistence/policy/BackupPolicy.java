package io.sendense.persistence.policy;

import io.sendense.persistence.common.CatalogEntity;
import jakarta.persistence.*;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A named set of copy rules; protection flows refer to it (3-2-1: copies elsewhere). */
@Entity
@Table(name = "backup_policies")
@NamedQueries({
  @NamedQuery(name = "BackupPolicy.all", query = "SELECT p FROM BackupPolicy p ORDER BY p.name"),
  @NamedQuery(
      name = "BackupPolicy.byName",
      query = "SELECT p FROM BackupPolicy p WHERE p.name = :name")
})
public class BackupPolicy extends CatalogEntity {

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "description")
  private String description;

  @Column(name = "created_at")
  private Instant createdAt = Instant.now();

  @OneToMany(mappedBy = "policy", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("position")
  private List<CopyRule> rules = new ArrayList<>();

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public List<CopyRule> getRules() {
    return rules;
  }
}
