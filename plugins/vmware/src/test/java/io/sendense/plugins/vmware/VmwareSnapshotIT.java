package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SnapshotCleanup;
import io.sendense.plugin.api.source.SnapshotInfo;
import io.sendense.plugin.api.source.SnapshotNames;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.SourceSession;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VcsimExtension.class)
class VmwareSnapshotIT {

  private final VmwareSourceType type = new VmwareSourceType();

  @Test
  void backupSnapshotCarriesTheFrozenDisks(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      String vm = session.inventory().vmNamed("DC0_H0_VM0").orElseThrow().id();
      Snapshot snapshot = session.createSnapshot(vm, SnapshotNames.forBackupJob("42"), false);
      assertEquals("sbak-42", snapshot.name());
      assertTrue(snapshot.id().startsWith("snapshot-"), snapshot.id());
      assertEquals(1, snapshot.disks().size());
      assertEquals(
          "[LocalDS_0] DC0_H0_VM0/disk1.vmdk", snapshot.disks().get(0).disk().backingFile());
      assertEquals(null, snapshot.disks().get(0).changeId(), "CBT is off");
      List<SnapshotInfo> listed = session.listSnapshots(vm);
      assertEquals(List.of("sbak-42"), listed.stream().map(SnapshotInfo::name).toList());
      session.removeSnapshot(vm, snapshot.id());
      assertEquals(List.of(), session.listSnapshots(vm));
    }
  }

  @Test
  void staleCleanupRemovesOnlyBackupSnapshotsAtAnyDepth(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      String vm = session.inventory().vmNamed("DC0_H0_VM1").orElseThrow().id();
      // tree: user-before-upgrade > sbak-1 > srep-7 > sbak-2 > sbak-3 (current job keeps sbak-3)
      for (String name : List.of("user-before-upgrade", "sbak-1", "srep-7", "sbak-2", "sbak-3")) {
        session.createSnapshot(vm, name, false);
      }
      List<SnapshotInfo> tree = session.listSnapshots(vm);
      assertEquals(tree.get(3).parentId(), tree.get(2).id(), "nested tree");
      SnapshotCleanup cleanup = session.removeStaleBackupSnapshots(vm, "sbak-3");
      assertTrue(cleanup.clean(), cleanup.leftovers().toString());
      assertEquals(List.of("sbak-1", "sbak-2"), cleanup.removed());
      assertEquals(
          List.of("user-before-upgrade", "srep-7", "sbak-3"),
          session.listSnapshots(vm).stream().map(SnapshotInfo::name).toList());
    }
  }

  @Test
  void removingAMissingSnapshotNamesTheProblem(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      String vm = session.inventory().vmNamed("DC0_H0_VM0").orElseThrow().id();
      SourceException e =
          assertThrows(SourceException.class, () -> session.removeSnapshot(vm, "snapshot-999"));
      assertEquals(SourceProblem.NOT_FOUND, e.problem(), e.getMessage());
      assertTrue(e.getMessage().contains("snapshot-999"), e.getMessage());
    }
  }

  @Test
  @VcsimOptions(failRemoveSnapshot = true)
  void snapshotsThatCannotBeRemovedAreReportedAsLeftovers(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      String vm = session.inventory().vmNamed("DC0_H0_VM0").orElseThrow().id();
      session.createSnapshot(vm, "sbak-old", false);
      session.createSnapshot(vm, "user", false);
      SnapshotCleanup cleanup = session.removeStaleBackupSnapshots(vm, null);
      assertEquals(List.of(), cleanup.removed());
      assertEquals(1, cleanup.leftovers().size());
      String leftover = cleanup.leftovers().get(0);
      assertTrue(leftover.startsWith("Snapshot sbak-old ("), leftover);
      assertTrue(leftover.contains("after 3 attempts") && leftover.contains("busy"), leftover);
      assertEquals(2, session.listSnapshots(vm).size());
    }
  }

  @Test
  void expiredSessionIsReplacedByANewLogin(Vcsim vcsim) throws Exception {
    VmwareSettings settings = vcsim.settings();
    try (VmwareSession session = VmwareSession.open(settings, System.getLogger("test"));
        VmwareConnection admin =
            VmwareConnection.login(settings, VmwareConnection.trustFor(settings))) {
      String vm = session.inventory().vmNamed("DC0_H0_VM0").orElseThrow().id();
      String key =
          session.connection().serviceInstance().getSessionManager().getCurrentSession().getKey();
      admin.serviceInstance().getSessionManager().terminateSession(new String[] {key});
      // vcsim answers property reads without a session, so use a method it does check
      session.createSnapshot(vm, "sbak-after-expiry", false);
      assertEquals(1, session.listSnapshots(vm).size());
      String newKey =
          session.connection().serviceInstance().getSessionManager().getCurrentSession().getKey();
      assertTrue(!newKey.equals(key), "logged in again");
    }
  }
}
