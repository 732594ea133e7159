package io.sendense.batch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.batch.port.BackupType;
import io.sendense.batch.port.DiskRecord;
import io.sendense.batch.port.NewBackup;
import io.sendense.batch.port.ParentPoint;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.batch.port.VmRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The planner's decisions for each disk: incremental on the parent the catalog names, full when
 * asked, when the catalog has none, or when the parent's image is gone; and the image names. Which
 * point is the latest complete one is the catalog's query, tested on MariaDB (BackupStoreIT: failed
 * and running points are never parents, other repositories have none).
 */
class BackupPlannerTest {
  private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");
  private static final ParentPoint DISK1_PARENT = new ParentPoint(7, 1, "a.qcow2", "cid-1");
  private static final ParentPoint DISK2_PARENT = new ParentPoint(7, 2, "b.qcow2", null);

  /** A catalog that answers the given parents per disk key and records what it was asked. */
  private static final class Parents extends InMemoryCatalog {
    private final Map<Integer, ParentPoint> parents;
    final List<String> asked = new ArrayList<>();

    Parents(Map<Integer, ParentPoint> parents) {
      this.parents = parents;
      addVm(
          new VmRecord(
              "vm-42",
              "db",
              List.of(
                  new DiskRecord(1, "Hard disk 1", 1 << 20),
                  new DiskRecord(2, "Hard disk 2", 512))));
    }

    @Override
    public synchronized Optional<ParentPoint> latestCompletePoint(
        String vmId, int diskKey, String repositoryId) {
      asked.add(vmId + "/" + diskKey + "/" + repositoryId);
      return Optional.ofNullable(parents.get(diskKey));
    }
  }

  @Test
  void incrementalOnTheParentTheCatalogNamesWithOrWithoutAChangeId() {
    Parents catalog = new Parents(Map.of(1, DISK1_PARENT, 2, DISK2_PARENT));
    NewBackup plan =
        new BackupPlanner(catalog, p -> true).plan("vm-42", "r1", BackupType.INCREMENTAL, 9, 10, T);
    assertEquals(List.of("vm-42/1/r1", "vm-42/2/r1"), catalog.asked);
    assertEquals(DISK1_PARENT, plan.disks().get(0).parent());
    assertEquals(DISK2_PARENT, plan.disks().get(1).parent(), "no change id: compares content");
    assertNull(plan.disks().get(1).fullReason());
    assertEquals("vm-vm-42/20261127T080000Z-j9-disk1.qcow2", plan.disks().get(0).fileName());
    assertEquals("vm-vm-42/20261127T080000Z-j9-disk2.qcow2", plan.disks().get(1).fileName());
    assertEquals(List.of(9L, 10L), List.of(plan.jobInstanceId(), plan.jobExecutionId()));
  }

  @Test
  void aFullRequestAsksForNoParent() {
    Parents catalog = new Parents(Map.of(1, DISK1_PARENT, 2, DISK2_PARENT));
    PlannedDisk asked =
        new BackupPlanner(catalog, p -> true)
            .plan("vm-42", "r1", BackupType.FULL, 9, 10, T)
            .disks()
            .get(0);
    assertNull(asked.parent());
    assertEquals("a full backup was requested", asked.fullReason());
    assertEquals(List.of(), catalog.asked);
  }

  @Test
  void aDiskWithoutAParentGetsAFullAndTheOthersStayIncremental() {
    Parents catalog = new Parents(Map.of(2, DISK2_PARENT));
    NewBackup plan =
        new BackupPlanner(catalog, p -> true).plan("vm-42", "r1", BackupType.INCREMENTAL, 9, 10, T);
    assertNull(plan.disks().get(0).parent());
    assertEquals(
        "no complete backup of this disk in the repository yet", plan.disks().get(0).fullReason());
    assertEquals(DISK2_PARENT, plan.disks().get(1).parent());
  }

  @Test
  void aParentWhoseImageIsGoneGivesAFull() {
    Parents catalog = new Parents(Map.of(1, DISK1_PARENT, 2, DISK2_PARENT));
    NewBackup plan =
        new BackupPlanner(catalog, p -> !p.fileName().equals("a.qcow2"))
            .plan("vm-42", "r1", BackupType.INCREMENTAL, 9, 10, T);
    assertNull(plan.disks().get(0).parent());
    assertEquals(
        "the parent image a.qcow2 is missing from the repository",
        plan.disks().get(0).fullReason());
    assertEquals(DISK2_PARENT, plan.disks().get(1).parent());
  }

  @Test
  void aVmWithoutDisksIsRefusedByName() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.addVm(new VmRecord("vm-7", "empty", List.of()));
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                new BackupPlanner(catalog, p -> true)
                    .plan("vm-7", "r1", BackupType.INCREMENTAL, 1, 1, T));
    assertEquals("VM empty (vm-7) has no disks to back up", refused.getMessage());
  }

  @Test
  void backupTypeParsesParametersAndRejectsOthers() {
    assertEquals(BackupType.INCREMENTAL, BackupType.parse(null));
    assertEquals(BackupType.FULL, BackupType.parse(" Full "));
    assertThrows(IllegalArgumentException.class, () -> BackupType.parse("differential"));
  }
}
