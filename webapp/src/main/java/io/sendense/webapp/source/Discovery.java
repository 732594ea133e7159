package io.sendense.webapp.source;

import io.sendense.persistence.common.PresenceState;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.source.VmDisk;
import io.sendense.plugin.api.source.DiskInfo;
import io.sendense.plugin.api.source.Inventory;
import io.sendense.plugin.api.source.VmInfo;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes one inventory into the catalog: new VMs and disks are added, known ones updated (a renamed
 * VM keeps its restore points because it is matched by its managed object id), and VMs or disks no
 * longer reported are marked GONE, never deleted.
 */
final class Discovery {
  private Discovery() {}

  /** What a discovery changed. */
  record Result(int vms, int added, int gone, int disks) {
    String summary() {
      return vms + " VMs (" + added + " new, " + gone + " gone), " + disks + " disks";
    }
  }

  static Result apply(SourceStore store, Source source, Inventory inventory, Instant now) {
    Map<String, Vm> known = new HashMap<>();
    store.vmsOf(source).forEach(vm -> known.put(vm.getMoref(), vm));
    int added = 0;
    int disks = 0;
    for (VmInfo info : inventory.vms()) {
      Vm vm = known.remove(info.id());
      if (vm == null) {
        vm = new Vm();
        vm.setSource(source);
        vm.setMoref(info.id());
        added++;
      }
      copy(info, vm, now);
      store.saveVm(vm);
      disks += applyDisks(store, vm, info);
    }
    for (Vm gone : known.values()) {
      gone.setState(PresenceState.GONE);
    }
    return new Result(inventory.vms().size(), added, known.size(), disks);
  }

  private static void copy(VmInfo info, Vm vm, Instant now) {
    vm.setName(info.name());
    vm.setInstanceUuid(info.instanceUuid());
    vm.setPowerState(info.powerState().name());
    vm.setGuestOs(info.guestOs());
    vm.setCpus(info.cpus());
    vm.setMemoryMb(info.memoryMib());
    vm.setFolderPath(info.folderPath());
    vm.setCbtEnabled(info.changeTracking());
    vm.setTags(String.join(",", info.tags()));
    vm.setState(PresenceState.PRESENT);
    vm.setLastSeenAt(now);
  }

  private static int applyDisks(SourceStore store, Vm vm, VmInfo info) {
    Map<Integer, VmDisk> known = new HashMap<>();
    if (vm.getId() != null) {
      store.disksOf(vm).forEach(d -> known.put(d.getDeviceKey(), d));
    }
    Set<Integer> seen = new HashSet<>();
    for (DiskInfo d : info.disks()) {
      VmDisk disk = known.getOrDefault(d.key(), new VmDisk());
      disk.setVm(vm);
      disk.setDeviceKey(d.key());
      disk.setLabel(d.label());
      disk.setCapacityBytes(d.capacityBytes());
      disk.setDatastore(d.datastoreName());
      disk.setBackingFile(d.backingFile());
      disk.setThin(d.thinProvisioned());
      disk.setCbtEnabled(d.changeTracking());
      disk.setState(PresenceState.PRESENT);
      store.saveDisk(disk);
      seen.add(d.key());
    }
    known.forEach(
        (key, disk) -> {
          if (!seen.contains(key)) {
            disk.setState(PresenceState.GONE);
          }
        });
    return info.disks().size();
  }
}
