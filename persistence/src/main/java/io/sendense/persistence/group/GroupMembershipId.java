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
  private Long vmId;

  protected GroupMembershipId() {}

  public GroupMembershipId(Long groupId, Long vmId) {
    this.groupId = groupId;
    this.vmId = vmId;
  }

  public Long getGroupId() {
    return groupId;
  }

  public Long getVmId() {
    return vmId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupMembershipId other
        && Objects.equals(groupId, other.groupId)
        && Objects.equals(vmId, other.vmId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(groupId, vmId);
  }
}
