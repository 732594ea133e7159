package io.sendense.plugin.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.FailureKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceValueTypesTest {

  @Test
  void backupSnapshotNamesAreRecognisedAndOthersAreNot() {
    assertEquals("sbak-job-42", SnapshotNames.forBackupJob("job-42"));
    assertTrue(SnapshotNames.isBackupSnapshot("sbak-job-42"));
    assertFalse(SnapshotNames.isBackupSnapshot("srep-job-42"));
    assertFalse(SnapshotNames.isBackupSnapshot("sbak-"));
    assertFalse(SnapshotNames.isBackupSnapshot("before upgrade"));
    assertFalse(SnapshotNames.isBackupSnapshot(null));
  }

  @Test
  void jobIdsThatCouldEscapeTheNameAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SnapshotNames.forBackupJob("a b"));
    assertThrows(IllegalArgumentException.class, () -> SnapshotNames.forBackupJob(""));
    assertThrows(IllegalArgumentException.class, () -> SnapshotNames.forBackupJob("x".repeat(65)));
  }

  @Test
  void changedAreasAreEitherExactOrCarryAReason() {
    ChangedAreas areas =
        ChangedAreas.of(List.of(new DiskExtent(0, 4096), new DiskExtent(65536, 8192)));
    assertEquals(12288, areas.totalBytes());
    assertTrue(areas.available());
    ChangedAreas fallback = ChangedAreas.unavailable("CBT is off");
    assertFalse(fallback.available());
    assertEquals("CBT is off", fallback.fallbackReason());
    assertThrows(
        IllegalArgumentException.class,
        () -> ChangedAreas.of(List.of(new DiskExtent(100, 10), new DiskExtent(105, 10))));
  }

  @Test
  void connectionTestFailureCarriesMatchingGenericKind() {
    SourceConnectionTest test =
        SourceConnectionTest.failed(
            SourceProblem.CERTIFICATE_MISMATCH, "pinned abc, got def", "def");
    assertEquals(FailureKind.ACCESS_DENIED, test.result().failure());
    assertEquals("def", test.certificate().orElseThrow());
    assertFalse(test.result().successful());
    assertTrue(SourceConnectionTest.success("ok", null).result().successful());
  }

  @Test
  void snapshotFindsDisksByKeyAndNamesMissingOnes() throws SourceException {
    DiskInfo disk = new DiskInfo(2000, "Hard disk 1", 1 << 20, "ds", "[ds] vm/d.vmdk", true, true);
    Snapshot snapshot =
        new Snapshot("vm-1", "snap-1", "sbak-1", List.of(new SnapshotDisk(disk, "x/1")));
    assertEquals("x/1", snapshot.disk(2000).changeId());
    SourceException e = assertThrows(SourceException.class, () -> snapshot.disk(2001));
    assertEquals(SourceProblem.NOT_FOUND, e.problem());
  }
}
