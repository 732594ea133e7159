package io.sendense.batch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.batch.port.BackupType;
import io.sendense.batch.port.DiskRecord;
import io.sendense.batch.port.DiskResult;
import io.sendense.batch.port.DiskTracking;
import io.sendense.batch.port.NewBackup;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.batch.port.VmRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupPlannerTest {
  private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");

  private InMemoryCatalog catalogWithCompleteFullOfDisk1() {
    InMemoryCatalog c = new InMemoryCatalog();
    c.addVm(
        new VmRecord(
            "vm-42",
            "db",
            List.of(
                new DiskRecord(1, "Hard disk 1", 1 << 20), new DiskRecord(2, "Hard disk 2", 512))));
    NewBackup first = new BackupPlanner(c, p -> true).plan("vm-42", "r1", BackupType.FULL, 1, 1, T);
    long id = c.createBackup(first).backupId();
    c.completeBackup(
        id,
        List.of(
            new DiskResult(1, "cid-1", "a.qcow2", null, 1, 1, Duration.ZERO, DiskTracking.cbt()),
            new DiskResult(
                2, null, "b.qcow2", null, 1, 1, Duration.ZERO, DiskTracking.full("first"))));
    return c;
  }

  @Test
  void incrementalOnTheLatestCompletePointWithOrWithoutAChangeId() {
    InMemoryCatalog c = catalogWithCompleteFullOfDisk1();
    NewBackup plan =
        new BackupPlanner(c, p -> true).plan("vm-42", "r1", BackupType.INCREMENTAL, 9, 10, T);
    assertEquals("a.qcow2", plan.disks().get(0).parent().fileName());
    assertEquals("cid-1", plan.disks().get(0).parent().changeId());
    assertEquals("b.qcow2", plan.disks().get(1).parent().fileName());
    assertNull(plan.disks().get(1).parent().changeId(), "compares content");
    assertNull(plan.disks().get(1).fullReason());
    assertEquals("vm-vm-42/20261127T080000Z-j9-disk1.qcow2", plan.disks().get(0).fileName());
  }

  @Test
  void fullRequestIgnoresParentsAndOtherRepositoriesHaveNone() {
    InMemoryCatalog c = catalogWithCompleteFullOfDisk1();
    PlannedDisk asked =
        new BackupPlanner(c, p -> true)
            .plan("vm-42", "r1", BackupType.FULL, 9, 10, T)
            .disks()
            .get(0);
    assertNull(asked.parent());
    assertEquals("a full backup was requested", asked.fullReason());
    PlannedDisk first =
        new BackupPlanner(c, p -> true)
            .plan("vm-42", "r2", BackupType.INCREMENTAL, 9, 10, T)
            .disks()
            .get(0);
    assertNull(first.parent());
    assertEquals("no complete backup of this disk in the repository yet", first.fullReason());
  }

  @Test
  void failedBackupIsNotAParent() {
    InMemoryCatalog c = catalogWithCompleteFullOfDisk1();
    NewBackup second =
        new BackupPlanner(c, p -> true).plan("vm-42", "r1", BackupType.FULL, 2, 2, T);
    long id = c.createBackup(second).backupId();
    c.failBackup(id, "broken");
    assertEquals(
        "a.qcow2",
        new BackupPlanner(c, p -> true)
            .plan("vm-42", "r1", BackupType.INCREMENTAL, 3, 3, T)
            .disks()
            .get(0)
            .parent()
            .fileName());
  }

  @Test
  void parentWhoseImageIsGoneGivesAFull() {
    InMemoryCatalog c = catalogWithCompleteFullOfDisk1();
    NewBackup plan =
        new BackupPlanner(c, p -> !p.fileName().equals("a.qcow2"))
            .plan("vm-42", "r1", BackupType.INCREMENTAL, 9, 10, T);
    assertNull(plan.disks().get(0).parent());
    assertEquals(
        "the parent image a.qcow2 is missing from the repository",
        plan.disks().get(0).fullReason());
  }

  @Test
  void backupTypeParsesParametersAndRejectsOthers() {
    assertEquals(BackupType.INCREMENTAL, BackupType.parse(null));
    assertEquals(BackupType.FULL, BackupType.parse(" Full "));
    assertThrows(IllegalArgumentException.class, () -> BackupType.parse("differential"));
  }
}
