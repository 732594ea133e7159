package io.sendense.batch.backup;

import io.sendense.batch.point.PointFiles;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.BackupStatus;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.image.qcow2.Qcow2Writer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes what a failed backup left in its repository. A failed or stopped {@code backup-vm} keeps
 * its partial images so that a restart can continue; when the host gives up on the job (abandons
 * it, or a newer backup of the VM completes) it calls this to free the space.
 */
public final class FailedBackupFiles {
  private FailedBackupFiles() {}

  /**
   * Deletes the partial and any committed images of a failed backup, and its VM configuration file.
   *
   * @return the files deleted
   * @throws IllegalArgumentException if the backup is not failed (its files may be in use)
   */
  public static List<Path> delete(Path repositoryFolder, BackupRecord backup) throws IOException {
    if (backup.status() != BackupStatus.FAILED) {
      throw new IllegalArgumentException(
          "Backup " + backup.backupId() + " is " + backup.status() + ", not FAILED; files kept");
    }
    List<Path> deleted = new ArrayList<>();
    for (PlannedDisk disk : backup.disks()) {
      Path target = repositoryFolder.resolve(disk.fileName());
      for (Path p : List.of(Qcow2Writer.partialPath(target), target)) {
        if (Files.deleteIfExists(p)) {
          deleted.add(p);
        }
      }
    }
    if (!backup.disks().isEmpty()) {
      Path config =
          repositoryFolder.resolve(
              PointFiles.configFile(backup.disks().stream().map(PlannedDisk::fileName).toList()));
      if (Files.deleteIfExists(config)) {
        deleted.add(config);
      }
    }
    return deleted;
  }
}
