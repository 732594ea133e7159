package io.sendense.plugin.api.source;

import java.util.List;
import java.util.Optional;

/**
 * Everything the hub shows of one source at one moment: the container tree, the datastores and the
 * VMs with their disks.
 *
 * @param sourceDescription product and version of the source ("VMware vCenter Server 6.7.0")
 * @param nodes datacenters, clusters, hosts and folders
 * @param datastores datastores with capacity and free space
 * @param vms virtual machines (templates excluded)
 */
public record Inventory(
    String sourceDescription,
    List<InventoryNode> nodes,
    List<DatastoreInfo> datastores,
    List<VmInfo> vms) {

  public Inventory {
    nodes = List.copyOf(nodes);
    datastores = List.copyOf(datastores);
    vms = List.copyOf(vms);
  }

  /** The VM with this id, if present. */
  public Optional<VmInfo> vm(String id) {
    return vms.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  /** The VM with this display name, if exactly one has it. */
  public Optional<VmInfo> vmNamed(String name) {
    List<VmInfo> found = vms.stream().filter(v -> v.name().equals(name)).toList();
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }
}
