package io.sendense.webapp.restore;

import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import io.sendense.webapp.backup.BackupDetailDto;
import io.sendense.webapp.backup.BackupDiskDto;
import io.sendense.webapp.backup.RestorePoints;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.lifecycle.ChainGuard;
import io.sendense.webapp.repository.RepositoryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Finds the image file of one disk of a restore point in its repository (of any storage type) and
 * opens it read-only, refusing what cannot be restored: unknown backups or disks, points that are
 * not COMPLETE, repositories that cannot be opened, and files that are missing or whose names would
 * leave the repository.
 */
@ApplicationScoped
public class RestoreSources {
  private static final Logger LOG = Logger.getLogger(RestoreSources.class.getName());

  @Inject RestorePoints points;
  @Inject RepositoryService repositories;
  @Inject ChainGuard guard;

  /** The top image of a disk's chain, checked: where it is and what it belongs to. */
  public record DiskImage(
      RestoreSession.Target target, long repositoryId, String fileName, long capacityBytes) {}

  /**
   * Opens a disk's chain read-only through a new session of its repository; the caller closes it.
   */
  public OpenedPoint open(DiskImage image) {
    long backupId = image.target().backupId();
    ImageStore store;
    try {
      store = repositories.openForReading(image.repositoryId());
    } catch (IllegalStateException e) {
      throw new Refusal(409, "Backup " + backupId + " cannot be restored: " + e.getMessage());
    }
    try {
      if (!store.isFile(image.fileName())) {
        throw new Refusal(
            409,
            "The image of disk "
                + image.target().diskIndex()
                + " of backup "
                + backupId
                + " is missing from the repository: "
                + store.location(image.fileName()));
      }
      return new OpenedPoint(store, Qcow2Chain.open(store, image.fileName()));
    } catch (IOException e) {
      closeQuietly(store);
      throw new Refusal(
          422,
          "Disk "
              + image.target().diskIndex()
              + " of backup "
              + backupId
              + " cannot be opened: "
              + e.getMessage());
    } catch (RuntimeException e) {
      closeQuietly(store);
      throw e;
    }
  }

  private static void closeQuietly(ImageStore store) {
    try {
      store.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing " + store, e);
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
    String file = disk.fileName();
    if (!ImageNames.isFileName(file)) {
      throw new Refusal(
          409, "Backup " + backupId + " names a file outside its repository: " + file);
    }
    return new DiskImage(
        new RestoreSession.Target(
            backupId, point.backup().vmName(), point.backup().startedAt(), diskIndex),
        point.backup().repositoryId(),
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
}
