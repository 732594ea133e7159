package io.sendense.persistence.group;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** Key of a membership: one row per (group, VM). */
@Embeddable
public class GroupMembershipId implements Serializable {
  @Column(name = "group_id")
  private Long groupId;

  @Column(name = "vm_context_id")
  private Long vmContextId;

  protected GroupMembershipId() {}

  public GroupMembershipId(Long groupId, Long vmContextId) {
    this.groupId = groupId;
    this.vmContextId = vmContextId;
  }

  public Long getGroupId() {
    return groupId;
  }

  public Long getVmContextId() {
    return vmContextId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupMembershipId other
        && Objects.equals(groupId, other.groupId)
        && Objects.equals(vmContextId, other.vmContextId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(groupId, vmContextId);
  }
}
