package io.sendense.webapp.backup;

import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.ImageStore;
import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.repository.RepositoryService;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Restore points (backups) for the API and pages: list, detail, delete. */
@ApplicationScoped
public class RestorePoints {
  private static final Logger LOG = Logger.getLogger(RestorePoints.class.getName());

  @Inject BackupStore backups;
  @Inject RepositoryService repositories;
  @Inject Instance<BackupHolds> holds;

  @Resource TransactionSynchronizationRegistry transactions;

  @Transactional
  public List<BackupDto> list(String vmName, String status, Long repositoryId, int limit) {
    return backups.search(vmName, status(status), repositoryId, limit).stream()
        .map(b -> toDto(b, backups.disksOf(b).size()))
        .toList();
  }

  @Transactional
  public BackupDetailDto get(long id) {
    Backup backup = find(id);
    List<BackupDisk> disks = backups.disksOf(backup);
    return new BackupDetailDto(
        toDto(backup, disks.size()), disks.stream().map(RestorePoints::toDto).toList());
  }

  /**
   * Deletes a restore point and then its image files. Refused while it runs or while another point
   * is built on it, or while a {@link BackupHolds} (a restore session) uses it. The catalog goes
   * first: a file left behind wastes space, a catalog entry whose file is gone would be a broken
   * restore point.
   */
  @Transactional
  public void delete(long id) {
    Backup backup = find(id);
    if (backup.getStatus() == BackupStatus.RUNNING) {
      throw new Refusal(409, "Backup " + id + " is still running; stop its job first");
    }
    for (BackupHolds hold : holds) {
      hold.holdOn(id)
          .ifPresent(
              why -> {
                throw new Refusal(409, "Backup " + id + " cannot be deleted: " + why);
              });
    }
    if (backups.hasDependents(backup)) {
      throw new Refusal(
          409,
          "Backup "
              + id
              + " is the parent of a newer restore point; delete the newer points first");
    }
    List<String> names = backups.disksOf(backup).stream().map(BackupDisk::getFileName).toList();
    ImageStore store;
    try {
      store = repositories.openStore(backup.getRepository().getId());
    } catch (RuntimeException e) {
      throw new Refusal(409, "The files of backup " + id + " cannot be reached: " + e.getMessage());
    }
    List<String> files =
        names.stream().flatMap(n -> Stream.of(n, Qcow2Writer.partialName(n))).toList();
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            try (store) {
              if (status == Status.STATUS_COMMITTED) {
                deleteFiles(id, store, files);
              }
            } catch (IOException e) {
              LOG.log(Level.FINE, "closing the repository of backup " + id, e);
            }
          }
        });
    backups.delete(backup);
  }

  private static void deleteFiles(long id, ImageStore store, List<String> files) {
    for (String file : files) {
      try {
        store.deleteIfExists(file);
      } catch (IOException | RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Restore point " + id + " deleted, its file " + store.location(file) + " kept",
            e);
      }
    }
  }

  private Backup find(long id) {
    return backups.byId(id).orElseThrow(() -> new Refusal(404, "No backup with id " + id));
  }

  private static BackupStatus status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return BackupStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Refusal(
          400, "status must be RUNNING, COMPLETE, FAILED or STOPPED, not '" + value + "'");
    }
  }

  static BackupDto toDto(Backup b, int disks) {
    return new BackupDto(
        b.getId(),
        b.getVmContext().getId(),
        b.getVmContext().getName(),
        b.getRepository().getId(),
        b.getRepository().getName(),
        b.getBackupType().name(),
        b.getStatus().name(),
        b.getStartedAt(),
        b.getCompletedAt(),
        b.getDurationMs(),
        b.getBytesRead(),
        b.getBytesWritten(),
        disks,
        b.getAvgRateBps(),
        b.getPeakRateBps(),
        b.getFlowExecution() == null ? null : b.getFlowExecution().getId(),
        b.getJobExecutionId(),
        b.getErrorMessage(),
        b.getChangeTracking() == null ? null : b.getChangeTracking().name(),
        b.getFallbackReason());
  }

  private static BackupDiskDto toDto(BackupDisk d) {
    return new BackupDiskDto(
        d.getDiskIndex(),
        d.getVmDisk().getDeviceKey(),
        d.getLabel(),
        d.getFileName(),
        d.getParent() == null ? null : d.getParent().getBackup().getId(),
        d.getParent() == null ? null : d.getParent().getFileName(),
        d.getChangeId(),
        d.getCapacityBytes(),
        d.getBytesRead(),
        d.getBytesWritten(),
        d.getStatus().name(),
        d.getChangeTracking() == null ? null : d.getChangeTracking().name(),
        d.getChangeTrackingReason());
  }
}
