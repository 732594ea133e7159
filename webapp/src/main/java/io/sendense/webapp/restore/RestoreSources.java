package io.sendense.webapp.restore;

import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.webapp.backup.BackupDetailDto;
import io.sendense.webapp.backup.BackupDiskDto;
import io.sendense.webapp.backup.RestorePoints;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.lifecycle.ChainGuard;
import io.sendense.webapp.repository.RepositoryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Finds the image file of one disk of a restore point in its repository, refusing what cannot be
 * restored: unknown backups or disks, points that are not COMPLETE, repositories that are not local
 * folders (for now), and files that are missing or outside the repository folder.
 */
@ApplicationScoped
public class RestoreSources {
  @Inject RestorePoints points;
  @Inject RepositoryService repositories;
  @Inject ChainGuard guard;

  /** The top image of a disk's chain, checked; what it belongs to. */
  public record DiskImage(RestoreSession.Target target, Path file, long capacityBytes) {
    /** Opens the chain read-only. */
    public Qcow2Chain open() {
      try {
        return Qcow2Chain.open(file);
      } catch (IOException e) {
        throw new Refusal(
            422,
            "Disk "
                + target.diskIndex()
                + " of backup "
                + target.backupId()
                + " cannot be opened: "
                + e.getMessage());
      }
    }
  }

  public DiskImage image(long backupId, int diskIndex) {
    BackupDetailDto point = points.get(backupId);
    if (!"COMPLETE".equals(point.backup().status())) {
      throw new Refusal(
          409,
          "Backup "
              + backupId
              + " is "
              + point.backup().status()
              + "; only COMPLETE restore points can be restored from");
    }
    BackupDiskDto disk =
        point.disks().stream()
            .filter(d -> d.index() == diskIndex)
            .findFirst()
            .orElseThrow(
                () ->
                    new Refusal(
                        404,
                        "Backup "
                            + backupId
                            + " has no disk "
                            + diskIndex
                            + "; its disks are: "
                            + point.disks().stream()
                                .map(d -> Integer.toString(d.index()))
                                .collect(Collectors.joining(", "))));
    checkNotMerging(point);
    Path file = fileOf(point, disk);
    return new DiskImage(
        new RestoreSession.Target(
            backupId, point.backup().vmName(), point.backup().startedAt(), diskIndex),
        file,
        disk.capacityBytes());
  }

  /**
   * Refuses a point that is no longer COMPLETE or whose chains are being rewritten. Restore
   * sessions call it again once they hold the point, so that a merge that began in between is
   * noticed by one of the two.
   */
  public void checkUsable(long backupId) {
    BackupDetailDto point = points.get(backupId);
    if (!"COMPLETE".equals(point.backup().status())) {
      throw new Refusal(
          409, "Backup " + backupId + " is " + point.backup().status() + "; it cannot be opened");
    }
    checkNotMerging(point);
  }

  private void checkNotMerging(BackupDetailDto point) {
    guard
        .busy(point.backup().vmId(), point.backup().repositoryId())
        .ifPresent(
            why -> {
              throw new Refusal(
                  409,
                  "Backup "
                      + point.backup().id()
                      + " cannot be opened now: "
                      + why
                      + "; try again in a minute");
            });
  }

  private Path fileOf(BackupDetailDto point, BackupDiskDto disk) {
    long backupId = point.backup().id();
    Path folder;
    try {
      folder = repositories.localFolder(point.backup().repositoryId()).toAbsolutePath().normalize();
    } catch (IllegalStateException e) {
      throw new Refusal(409, "Backup " + backupId + " cannot be restored: " + e.getMessage());
    }
    Path file = folder.resolve(disk.fileName()).normalize();
    if (!file.startsWith(folder)) {
      throw new Refusal(
          409, "Backup " + backupId + " names a file outside its repository: " + disk.fileName());
    }
    if (!Files.isRegularFile(file)) {
      throw new Refusal(
          409,
          "The image of disk "
              + disk.index()
              + " of backup "
              + backupId
              + " is missing from the repository: "
              + file);
    }
    return file;
  }
}
