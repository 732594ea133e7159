package io.sendense.plugin.api.source;

import java.util.List;
import java.util.Objects;

/**
 * A virtual machine as the inventory shows it, with its disks.
 *
 * @param id opaque id (vSphere: the managed object reference value), used in every call
 * @param instanceUuid the VM's instance UUID, stable across re-registration within one vCenter
 * @param name display name
 * @param powerState power state
 * @param guestOs guest operating system as the hypervisor reports it, may be empty
 * @param cpus number of virtual CPUs
 * @param memoryMib memory in MiB
 * @param parentId id of the {@link InventoryNode} (folder) holding the VM
 * @param folderPath slash-separated path of folders from the datacenter ("DC0/vm/prod")
 * @param hostId id of the host running the VM, or {@code null}
 * @param tags tags attached to the VM, empty where the source does not provide them
 * @param changeTracking whether Changed Block Tracking is enabled on the VM
 * @param disks the VM's virtual disks
 */
public record VmInfo(
    String id,
    String instanceUuid,
    String name,
    PowerState powerState,
    String guestOs,
    int cpus,
    long memoryMib,
    String parentId,
    String folderPath,
    String hostId,
    List<String> tags,
    boolean changeTracking,
    List<DiskInfo> disks) {

  /** Power states. */
  public enum PowerState {
    POWERED_ON,
    POWERED_OFF,
    SUSPENDED
  }

  public VmInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(powerState, "powerState");
    guestOs = guestOs == null ? "" : guestOs;
    folderPath = folderPath == null ? "" : folderPath;
    tags = List.copyOf(tags);
    disks = List.copyOf(disks);
  }
}
