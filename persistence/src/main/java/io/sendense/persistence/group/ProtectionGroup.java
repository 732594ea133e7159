package io.sendense.persistence.group;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.repository.Repository;
import jakarta.persistence.*;
import java.time.Instant;

/** A named set of VMs protected together; membership by hand or by rule. */
@Entity
@Table(name = "protection_groups")
@NamedQueries({
  @NamedQuery(
      name = "ProtectionGroup.all",
      query = "SELECT g FROM ProtectionGroup g ORDER BY g.name")
})
public class ProtectionGroup extends CatalogEntity {

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "description")
  private String description;

  @Column(name = "default_schedule")
  private String defaultSchedule;

  @ManyToOne(fetch = FetchType.LAZY, optional = true)
  @JoinColumn(name = "default_repository_id")
  private Repository defaultRepository;

  @Column(name = "membership_rule")
  private String membershipRule;

  @Column(name = "created_at")
  private Instant createdAt = Instant.now();

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

  public String getDefaultSchedule() {
    return defaultSchedule;
  }

  public void setDefaultSchedule(String defaultSchedule) {
    this.defaultSchedule = defaultSchedule;
  }

  public Repository getDefaultRepository() {
    return defaultRepository;
  }

  public void setDefaultRepository(Repository defaultRepository) {
    this.defaultRepository = defaultRepository;
  }

  public String getMembershipRule() {
    return membershipRule;
  }

  public void setMembershipRule(String membershipRule) {
    this.membershipRule = membershipRule;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }
}
