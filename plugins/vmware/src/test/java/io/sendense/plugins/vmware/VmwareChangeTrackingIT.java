package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vmware.vim25.VirtualMachineConfigSpec;
import io.sendense.plugin.api.source.ChangedAreas;
import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SnapshotDisk;
import io.sendense.plugin.api.source.SnapshotInfo;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.plugin.api.source.VmInfo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VcsimExtension.class)
class VmwareChangeTrackingIT {

  private final VmwareSourceType type = new VmwareSourceType();

  @Test
  void enablingCbtTakesEffectThroughASnapshotCycleThatLeavesNothingBehind(Vcsim vcsim)
      throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      String vm = session.inventory().vmNamed("DC0_H0_VM0").orElseThrow().id();
      assertTrue(session.enableChangeTracking(vm));
      assertFalse(session.enableChangeTracking(vm), "already on");
      assertTrue(session.inventory().vm(vm).orElseThrow().changeTracking());
      assertEquals(List.of(), session.listSnapshots(vm));
      Snapshot first = session.createSnapshot(vm, "sbak-1", false);
      session.removeSnapshot(vm, first.id());
      Snapshot second = session.createSnapshot(vm, "sbak-2", false);
      for (SnapshotDisk disk : first.disks()) {
        String since = disk.changeId();
        ChangedBlocks.assertAdvanced(since, second.disk(disk.disk().key()).changeId());
        ChangedAreas nothing = session.changedAreas(second, disk.disk().key(), since);
        assertTrue(nothing.available(), nothing.fallbackReason());
        assertEquals(List.of(), nothing.extents(), "nothing was written between the snapshots");
      }
      session.removeSnapshot(vm, second.id());
      assertEquals(List.of(), session.listSnapshots(vm));
    }
  }

  @Test
  void cbtOffMeansReadTheWholeDiskWithTheReason(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      VmInfo vm = session.inventory().vmNamed("DC0_H0_VM1").orElseThrow();
      Snapshot snapshot = session.createSnapshot(vm.id(), "sbak-1", false);
      ChangedAreas areas = session.changedAreas(snapshot, vm.disks().get(0).key(), "*");
      assertFalse(areas.available());
      assertTrue(
          areas.fallbackReason().contains("Changed Block Tracking was off"),
          areas.fallbackReason());
    }
  }

  @Test
  void resetCbtInvalidatesEarlierChangeIds(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      VmInfo vm = session.inventory().vmNamed("DC0_H0_VM1").orElseThrow();
      int key = vm.disks().get(0).key();
      session.enableChangeTracking(vm.id());
      String old = session.createSnapshot(vm.id(), "sbak-1", false).disk(key).changeId();
      disableCbt(vcsim, vm.id());
      session.enableChangeTracking(vm.id());
      Snapshot fresh = session.createSnapshot(vm.id(), "sbak-2", false);
      ChangedAreas areas = session.changedAreas(fresh, key, old);
      assertFalse(areas.available());
      assertTrue(
          areas.fallbackReason().contains("CBT was reset or turned off"), areas.fallbackReason());
      assertTrue(session.changedAreas(fresh, key, "*").available(), "a full is still possible");
    }
  }

  @Test
  @VcsimOptions(cbt = false)
  void stockSimulatorWithoutQueryChangedDiskAreasFallsBackToContentCompare(Vcsim vcsim)
      throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      VmInfo vm = session.inventory().vmNamed("DC0_H0_VM0").orElseThrow();
      int key = vm.disks().get(0).key();
      Path flat = vcsim.localFile(vm.disks().get(0).backingFile());
      DiskContent.writeGuestLikeContent(flat, 4);
      session.enableChangeTracking(vm.id());
      Snapshot snapshot = session.createSnapshot(vm.id(), "sbak-1", false);
      assertNull(snapshot.disk(key).changeId(), "stock vcsim sets no change ids");
      assertFalse(session.changedAreas(snapshot, key, "*").available());
      // a change id from elsewhere reaches the server, which lacks the method
      SnapshotDisk disk = new SnapshotDisk(snapshot.disk(key).disk(), "52 aa bb/1");
      Snapshot withId =
          new Snapshot(snapshot.vmId(), snapshot.id(), snapshot.name(), List.of(disk));
      ChangedAreas areas = session.changedAreas(withId, key, "*");
      assertFalse(areas.available());
      assertTrue(
          areas.fallbackReason().contains("does not support QueryChangedDiskAreas"),
          areas.fallbackReason());
      try (DiskReader reader = session.openDiskReader(snapshot, key)) {
        assertEquals(DiskContent.sha256(flat), DiskContent.sha256(DiskContent.readAll(reader, 2)));
      }
      assertEquals(
          List.of("sbak-1"),
          session.listSnapshots(vm.id()).stream().map(SnapshotInfo::name).toList());
    }
  }

  private static void disableCbt(Vcsim vcsim, String vmId) throws Exception {
    VmwareSettings settings = vcsim.settings();
    try (VmwareConnection connection =
        VmwareConnection.login(settings, VmwareConnection.trustFor(settings))) {
      VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
      spec.setChangeTrackingEnabled(false);
      Tasks.await(
          new SnapshotManager(connection).vm(vmId).reconfigVM_Task(spec),
          "disable CBT",
          connection.trust());
    }
  }
}
