package io.sendense.batch.backup;

import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.BackupStatus;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.ImageStore;
import java.io.IOException;
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
   * Deletes the partial and any committed images of a failed backup.
   *
   * @return the names deleted
   * @throws IllegalArgumentException if the backup is not failed (its files may be in use)
   */
  public static List<String> delete(ImageStore repository, BackupRecord backup) throws IOException {
    if (backup.status() != BackupStatus.FAILED) {
      throw new IllegalArgumentException(
          "Backup " + backup.backupId() + " is " + backup.status() + ", not FAILED; files kept");
    }
    List<String> deleted = new ArrayList<>();
    for (PlannedDisk disk : backup.disks()) {
      String target = disk.fileName();
      for (String name : List.of(Qcow2Writer.partialName(target), target)) {
        if (repository.deleteIfExists(name)) {
          deleted.add(name);
        }
      }
    }
    return deleted;
  }
}
