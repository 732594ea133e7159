package io.sendense.batch.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupProgress;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.BackupStatus;
import io.sendense.batch.port.BackupType;
import io.sendense.batch.port.DiskProgress;
import io.sendense.batch.port.DiskRecord;
import io.sendense.batch.port.DiskResult;
import io.sendense.batch.port.DiskTracking;
import io.sendense.batch.port.DiskTransfer;
import io.sendense.batch.port.NewBackup;
import io.sendense.batch.port.ParentPoint;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.batch.port.VmRecord;
import io.sendense.image.qcow2.ImageFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every port value a node sends or receives comes back equal after a trip through JSON. */
class PortJsonTest {
  private static final Instant AT = Instant.parse("2026-12-05T08:00:00.123Z");
  private static final ParentPoint PARENT = new ParentPoint(7, 2000, "vm-1/a.qcow2", "52 de/4");
  private static final PlannedDisk INCREMENTAL =
      PlannedDisk.incremental(2000, "Hard disk 1", 64L << 20, "vm-1/b.qcow2", PARENT);
  private static final PlannedDisk FULL =
      new PlannedDisk(2001, "Hard disk 2", 1L << 40, "vm-1/c.qcow2", null, "no parent");

  @Test
  void catalogValuesRoundTrip() {
    VmRecord vm = new VmRecord("12", "web", List.of(new DiskRecord(2000, "Hard disk 1", 1 << 30)));
    assertEquals(vm, PortJson.vm(reparse(PortJson.vm(vm))));
    assertEquals(PARENT, PortJson.parent(reparse(PortJson.parent(PARENT))));
    NewBackup request =
        new NewBackup(
            -5001, -5001, "12", "3", BackupType.INCREMENTAL, AT, List.of(INCREMENTAL, FULL));
    assertEquals(request, PortJson.newBackup(reparse(PortJson.newBackup(request))));
    BackupRecord record =
        new BackupRecord(9, -5001, "12", "3", AT, List.of(INCREMENTAL, FULL), BackupStatus.RUNNING);
    assertEquals(record, PortJson.backup(reparse(PortJson.backup(record))));
  }

  @Test
  void transfersResultsAndProgressRoundTrip() {
    DiskTransfer transfer =
        new DiskTransfer(
            2000,
            48L << 20,
            false,
            "snapshot-9",
            null,
            50L << 20,
            Duration.ofMillis(4321),
            DiskTracking.contentCompare("no change id"));
    assertEquals(transfer, PortJson.transfer(reparse(PortJson.transfer(transfer))));
    DiskResult result =
        new DiskResult(
            2000,
            "52 de/5",
            "vm-1/b.qcow2",
            "vm-1/a.qcow2",
            10,
            11,
            Duration.ofSeconds(3),
            DiskTracking.cbt(),
            new ImageFacts(4096, "ab".repeat(32), 1 << 30, 65536, null, 2048));
    assertEquals(result, PortJson.result(reparse(PortJson.result(result))));
    DiskResult hashPending =
        new DiskResult(
            2000,
            "52 de/5",
            "vm-1/b.qcow2",
            null,
            10,
            11,
            Duration.ofSeconds(3),
            DiskTracking.cbt(),
            new ImageFacts(4096, null, 1 << 30, 65536, null, 2048));
    assertEquals(hashPending, PortJson.result(reparse(PortJson.result(hashPending))));
    DiskResult bare =
        new DiskResult(
            2001, null, "vm-1/c.qcow2", null, 0, 0, Duration.ZERO, DiskTracking.full("first"));
    assertEquals(bare, PortJson.result(reparse(PortJson.result(bare))));
    BackupProgress progress =
        new BackupProgress(
            -5001,
            "12",
            BackupPhase.TRANSFER,
            5,
            10,
            1234.5,
            Duration.ofSeconds(9),
            List.of(new DiskProgress(2000, 5, 10)),
            AT);
    assertEquals(progress, PortJson.progress(reparse(PortJson.progress(progress))));
  }

  @Test
  void workItemsRoundTripAndNeverPrintTheirSecrets() {
    WorkItem item =
        new WorkItem(
            4,
            -4001,
            -4001,
            "12",
            "vm-44",
            Map.of("vmId", "12", "resumeBackupId", "9"),
            new WorkItem.Extension("vmware", "vc1", Map.of("password", "s3cret-Pass")),
            new WorkItem.Extension("local", "Local", Map.of("path", "/srv/repo")));
    assertEquals(item, WorkItem.fromJson(reparse(item.toJson())));
    assertFalse(item.toString().contains("s3cret"), item.toString());
    assertFalse(item.source().toString().contains("s3cret"));
  }

  @Test
  void restoreWorkItemsRoundTripAndAnItemWithoutAJobNameIsABackup() {
    var none = new WorkItem.Extension("local", "Local", Map.of("path", "/srv/repo"));
    WorkItem restore =
        new WorkItem(
            WorkItem.RESTORE,
            5,
            -5001,
            -5001,
            "12",
            "",
            Map.of("restoreId", "5", WorkItem.diskFileParameter(2000), "vm-12/a-disk2000.qcow2"),
            none,
            none);
    assertEquals(restore, WorkItem.fromJson(reparse(restore.toJson())));
    assertEquals("WorkItem[restore 5, VM 12]", restore.toString());
    var older = jakarta.json.Json.createObjectBuilder(restore.toJson()).remove("jobName").build();
    assertEquals(WorkItem.BACKUP, WorkItem.fromJson(older).jobName());
  }

  private static jakarta.json.JsonObject reparse(jakarta.json.JsonValue json) {
    return PortJson.parse(json.toString());
  }
}
