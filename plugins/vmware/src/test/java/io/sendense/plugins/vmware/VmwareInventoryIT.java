package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.source.DatastoreInfo;
import io.sendense.plugin.api.source.DiskInfo;
import io.sendense.plugin.api.source.Inventory;
import io.sendense.plugin.api.source.InventoryNode;
import io.sendense.plugin.api.source.SourceConnectionTest;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.plugin.api.source.VmInfo;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VcsimExtension.class)
class VmwareInventoryIT {

  private final VmwareSourceType type = new VmwareSourceType();

  @Test
  void inventoryListsContainersAndDatastores(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      Inventory inventory = session.inventory();
      assertTrue(inventory.sourceDescription().startsWith("VMware vCenter Server"));
      assertEquals(Set.of("DC0"), names(inventory, InventoryNode.Kind.DATACENTER));
      assertEquals(Set.of("DC0_C0"), names(inventory, InventoryNode.Kind.CLUSTER));
      assertEquals(4, names(inventory, InventoryNode.Kind.HOST).size(), "3 in cluster + 1");
      DatastoreInfo ds = inventory.datastores().get(0);
      assertEquals("LocalDS_0", ds.name());
      assertTrue(ds.capacityBytes() > 0 && ds.freeBytes() <= ds.capacityBytes());
      String dc =
          inventory.nodes().stream().filter(n -> n.name().equals("DC0")).findFirst().get().id();
      assertEquals(dc, ds.datacenterId());
    }
  }

  @Test
  void inventoryListsVmsWithTheirDisks(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      Inventory inventory = session.inventory();
      assertEquals(4, inventory.vms().size(), "2 VMs on the standalone host and 2 in the cluster");
      VmInfo vm = inventory.vmNamed("DC0_H0_VM0").orElseThrow();
      assertTrue(vm.id().startsWith("vm-"), vm.id());
      assertEquals(36, vm.instanceUuid().length());
      assertEquals(VmInfo.PowerState.POWERED_ON, vm.powerState());
      assertEquals("DC0/vm", vm.folderPath());
      assertTrue(vm.cpus() >= 1 && vm.memoryMib() >= 32, vm.toString());
      assertFalse(vm.changeTracking());
      assertEquals(1, vm.disks().size());
      DiskInfo disk = vm.disks().get(0);
      assertEquals(64L << 20, disk.capacityBytes());
      assertEquals("LocalDS_0", disk.datastoreName());
      assertEquals("[LocalDS_0] DC0_H0_VM0/disk1.vmdk", disk.backingFile());
      assertTrue(disk.key() > 0);
    }
  }

  @Test
  void twoSourcesAreUsedAtOnceWithoutSharingState(Vcsim first, Vcsim second) throws Exception {
    assertNotEquals(first.port(), second.port());
    try (SourceSession a = type.open(new TestContext(first.configuration()));
        SourceSession b = type.open(new TestContext(second.configuration()))) {
      String vmA = a.inventory().vmNamed("DC0_H0_VM0").orElseThrow().id();
      String vmB = b.inventory().vmNamed("DC0_H0_VM0").orElseThrow().id();
      a.createSnapshot(vmA, "sbak-a", false);
      assertEquals(1, a.listSnapshots(vmA).size());
      assertEquals(0, b.listSnapshots(vmB).size());
      // each connection checks its own pin (yavijava alone would reuse the first one's)
      SourceConnectionTest wrongPin =
          type.testConnection(
              new TestContext(second.configuration().with("thumbprint", "cd".repeat(32))));
      assertEquals(SourceProblem.CERTIFICATE_MISMATCH, wrongPin.problem());
    }
  }

  private static Set<String> names(Inventory inventory, InventoryNode.Kind kind) {
    return inventory.nodes().stream()
        .filter(n -> n.kind() == kind)
        .map(InventoryNode::name)
        .collect(Collectors.toSet());
  }
}
