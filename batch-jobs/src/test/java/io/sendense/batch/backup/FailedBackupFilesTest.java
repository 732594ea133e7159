package io.sendense.batch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.BackupStatus;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.image.store.LocalImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedBackupFilesTest {
  @TempDir Path repo;

  private BackupRecord backup(BackupStatus status) {
    return new BackupRecord(
        1,
        1,
        "vm",
        "r",
        Instant.EPOCH,
        List.of(
            PlannedDisk.full(1, "d1", 512, "vm/a.qcow2", "test"),
            PlannedDisk.full(2, "d2", 512, "vm/b.qcow2", "test")),
        status);
  }

  @Test
  void deletesPartialAndCommittedImagesOfAFailedBackupOnly() throws Exception {
    Files.createDirectories(repo.resolve("vm"));
    Files.writeString(repo.resolve("vm/a.qcow2.partial"), "x");
    Files.writeString(repo.resolve("vm/b.qcow2"), "y");
    Files.writeString(repo.resolve("vm/other.qcow2"), "z");
    assertThrows(
        IllegalArgumentException.class,
        () -> FailedBackupFiles.delete(new LocalImageStore(repo), backup(BackupStatus.COMPLETE)));
    assertTrue(Files.exists(repo.resolve("vm/b.qcow2")));
    List<String> deleted =
        FailedBackupFiles.delete(new LocalImageStore(repo), backup(BackupStatus.FAILED));
    assertEquals(List.of("vm/a.qcow2.partial", "vm/b.qcow2"), deleted);
    assertTrue(Files.exists(repo.resolve("vm/other.qcow2")));
  }
}
