package io.sendense.plugins.vmware;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.Tag;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualMachinePowerState;
import io.sendense.plugin.api.source.DatastoreInfo;
import io.sendense.plugin.api.source.Inventory;
import io.sendense.plugin.api.source.InventoryNode;
import io.sendense.plugin.api.source.VmInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * Builds the plugin API's {@link Inventory} from the properties {@link PropertyRetriever} read:
 * containers with their parents, datastores with space, VMs with folder path and disks.
 */
final class InventoryAssembler {

  private final Map<String, PropertyRetriever.Item> items;

  InventoryAssembler(Map<String, PropertyRetriever.Item> items) {
    this.items = items;
  }

  Inventory assemble(String sourceDescription) {
    List<InventoryNode> nodes = new ArrayList<>();
    List<DatastoreInfo> datastores = new ArrayList<>();
    List<VmInfo> vms = new ArrayList<>();
    for (PropertyRetriever.Item item : items.values()) {
      String type = item.ref().getType();
      switch (type) {
        case "Datacenter" -> nodes.add(node(item, InventoryNode.Kind.DATACENTER));
        case "ClusterComputeResource" -> nodes.add(node(item, InventoryNode.Kind.CLUSTER));
        case "HostSystem" -> nodes.add(node(item, InventoryNode.Kind.HOST));
        case "Folder" -> nodes.add(node(item, InventoryNode.Kind.FOLDER));
        case "Datastore" -> datastores.add(datastore(item));
        case "VirtualMachine" -> {
          if (!Boolean.TRUE.equals(item.get("config.template"))) {
            vms.add(vm(item));
          }
        }
        default -> {
          // standalone ComputeResource: its host is listed under the host folder instead
        }
      }
    }
    nodes.sort(Comparator.comparing(InventoryNode::id));
    datastores.sort(Comparator.comparing(DatastoreInfo::name));
    vms.sort(Comparator.comparing(VmInfo::name));
    return new Inventory(sourceDescription, nodes, datastores, vms);
  }

  private InventoryNode node(PropertyRetriever.Item item, InventoryNode.Kind kind) {
    return new InventoryNode(item.ref().getVal(), kind, item.string("name"), item.parentId());
  }

  private DatastoreInfo datastore(PropertyRetriever.Item item) {
    long capacity = number(item.get("summary.capacity"));
    long free = Math.min(capacity, number(item.get("summary.freeSpace")));
    return new DatastoreInfo(
        item.ref().getVal(), item.string("name"), datacenterOf(item), capacity, Math.max(0, free));
  }

  private VmInfo vm(PropertyRetriever.Item item) {
    boolean cbt = Boolean.TRUE.equals(item.get("config.changeTrackingEnabled"));
    Object host = item.get("runtime.host");
    return new VmInfo(
        item.ref().getVal(),
        item.string("config.instanceUuid"),
        item.string("name"),
        powerState(item.get("runtime.powerState")),
        item.string("config.guestFullName"),
        (int) number(item.get("config.hardware.numCPU")),
        number(item.get("config.hardware.memoryMB")),
        item.parentId(),
        folderPath(item.parentId()),
        host instanceof ManagedObjectReference h ? h.getVal() : null,
        tags(item.get("tag")),
        cbt,
        DiskMapper.disks((VirtualDevice[]) item.get("config.hardware.device"), cbt));
  }

  /** "DC0/vm/prod": names from the datacenter down to the VM's folder. */
  String folderPath(String folderId) {
    LinkedList<String> names = new LinkedList<>();
    for (String id = folderId; id != null && items.containsKey(id); ) {
      PropertyRetriever.Item item = items.get(id);
      names.addFirst(item.string("name"));
      if ("Datacenter".equals(item.ref().getType())) {
        break;
      }
      id = item.parentId();
    }
    return String.join("/", names);
  }

  /** The id of the datacenter above an object, or {@code null}. */
  String datacenterOf(PropertyRetriever.Item start) {
    for (String id = start.parentId(); id != null && items.containsKey(id); ) {
      PropertyRetriever.Item item = items.get(id);
      if ("Datacenter".equals(item.ref().getType())) {
        return id;
      }
      id = item.parentId();
    }
    return null;
  }

  private static List<String> tags(Object value) {
    if (value instanceof Tag[] tags) {
      return Arrays.stream(tags).map(Tag::getKey).toList();
    }
    return List.of();
  }

  private static VmInfo.PowerState powerState(Object value) {
    if (value == VirtualMachinePowerState.poweredOn) {
      return VmInfo.PowerState.POWERED_ON;
    }
    return value == VirtualMachinePowerState.suspended
        ? VmInfo.PowerState.SUSPENDED
        : VmInfo.PowerState.POWERED_OFF;
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0L;
  }
}
