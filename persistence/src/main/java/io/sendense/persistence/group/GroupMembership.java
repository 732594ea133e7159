package io.sendense.persistence.group;

import io.sendense.persistence.source.Vm;
import jakarta.persistence.*;
import java.time.Instant;

/** A VM's membership in one group, with its priority inside that group. */
@Entity
@Table(name = "group_memberships")
@NamedQueries({
  @NamedQuery(
      name = "GroupMembership.byGroup",
      query =
          "SELECT m FROM GroupMembership m JOIN FETCH m.vm WHERE m.group = :group ORDER BY m.priority, m.vm.name")
})
public class GroupMembership {
  @EmbeddedId private GroupMembershipId id;

  @MapsId("groupId")
  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "group_id")
  private ProtectionGroup group;

  @MapsId("vmId")
  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "vm_context_id")
  private Vm vm;

  @Column(name = "priority")
  private int priority = 100;

  @Column(name = "enabled")
  private boolean enabled = true;

  @Column(name = "added_at")
  private Instant addedAt = Instant.now();

  protected GroupMembership() {}

  public GroupMembership(ProtectionGroup group, Vm vm) {
    this.id = new GroupMembershipId(group.getId(), vm.getId());
    this.group = group;
    this.vm = vm;
  }

  public GroupMembershipId getId() {
    return id;
  }

  public ProtectionGroup getGroup() {
    return group;
  }

  public void setGroup(ProtectionGroup group) {
    this.group = group;
  }

  public Vm getVm() {
    return vm;
  }

  public void setVm(Vm vm) {
    this.vm = vm;
  }

  public int getPriority() {
    return priority;
  }

  public void setPriority(int priority) {
    this.priority = priority;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Instant getAddedAt() {
    return addedAt;
  }

  public void setAddedAt(Instant addedAt) {
    this.addedAt = addedAt;
  }
}
