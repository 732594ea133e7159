package io.sendense.webapp.backup;

import io.sendense.batch.point.PointFiles;
import io.sendense.image.point.PointManifests;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.ImageStore;
import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.common.Keyset;
import io.sendense.persistence.node.Placement;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Cursors;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.RecentCounts;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.immutability.PointLocks;
import io.sendense.webapp.lifecycle.BackupHolds;
import io.sendense.webapp.lifecycle.LifecycleWorker;
import io.sendense.webapp.lifecycle.ManifestService;
import io.sendense.webapp.lifecycle.PointRemoval;
import io.sendense.webapp.lifecycle.RemovalObstacles;
import io.sendense.webapp.repository.RepositoryService;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Restore points (backups) for the API and pages: list, detail, delete. */
@ApplicationScoped
public class RestorePoints {
  private static final Logger LOG = Logger.getLogger(RestorePoints.class.getName());

  @Inject BackupStore backups;
  @Inject RepositoryService repositories;
  @Inject Instance<BackupHolds> holds;
  @Inject RemovalObstacles obstacles;
  @Inject LifecycleWorker worker;
  @Inject PointRemoval removal;
  @Inject ManifestService manifests;
  @Inject AuditService audit;
  @Inject PointLocks locks;
  @Inject RecentCounts counts;

  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * A page of restore points, newest first. Runs without a transaction: one query for the page (VM,
   * repository and flow execution joined), one for the disk counts, one for the total.
   */
  public Page<BackupDto> list(
      String vmName, String status, Long repositoryId, Long vmId, int offset, int limit) {
    return list(vmName, status, repositoryId, vmId, null, offset, limit);
  }

  /**
   * As {@link #list(String, String, Long, Long, int, int)}, from the point after {@code cursor} (a
   * {@link Cursors} token of an earlier page) when it is given; a full page carries the cursor of
   * the next.
   */
  public Page<BackupDto> list(
      String vmName,
      String status,
      Long repositoryId,
      Long vmId,
      String cursor,
      int offset,
      int limit) {
    BackupStore.Filter filter = new BackupStore.Filter(vmName, status(status), repositoryId, vmId);
    Keyset after = Cursors.parse(cursor);
    List<Backup> page = backups.search(filter, after, offset, limit);
    Map<Long, Integer> disks = backups.diskCounts(page.stream().map(Backup::getId).toList());
    List<BackupDto> items =
        page.stream().map(b -> toDto(b, disks.getOrDefault(b.getId(), 0))).toList();
    return Cursors.page(
        items,
        after,
        offset,
        limit,
        () -> counts.total(filter, () -> backups.count(filter)),
        b -> new Keyset(b.startedAt(), b.id()));
  }

  /** The newest restore points (first page only), as {@link #list} without paging details. */
  public List<BackupDto> list(String vmName, String status, Long repositoryId, int limit) {
    return list(vmName, status, repositoryId, null, 0, limit).items();
  }

  @Transactional
  public BackupDetailDto get(long id) {
    Backup backup = find(id);
    List<BackupDisk> disks = backups.disksOf(backup);
    return new BackupDetailDto(
        toDto(backup, disks.size()), disks.stream().map(RestorePoints::toDto).toList());
  }

  /**
   * Deletes a restore point. One no other point is built on goes at once, the catalog row first and
   * its files after the commit (a file left behind wastes space, a catalog entry whose file is gone
   * would be a broken restore point): returns true. One that others are built on is merged out of
   * its chains by the lifecycle worker ({@link PointRemoval}), so every other point stays readable:
   * returns false, and the point is DELETING until the merge is done; so does every point in a
   * repository placed on a node, whose files that node deletes or merges. Refused while it runs,
   * while it is locked, and while a {@link BackupHolds} (a restore session) uses it or a point
   * built on it.
   */
  @Transactional
  @RequiresRole(value = Roles.ADMIN, action = "delete restore points")
  public boolean delete(long id, String user) {
    Backup backup = find(id);
    if (backup.getStatus() == BackupStatus.RUNNING) {
      throw new Refusal(409, "Backup " + id + " is still running; stop its job first");
    }
    if (backup.getStatus() == BackupStatus.DELETING) {
      throw new Refusal(409, "Backup " + id + " is being deleted already");
    }
    locks.requireChangeable(backup, "deleted");
    boolean onNode = Placement.ofLifecycle(backup.getRepository()) != null;
    if (onNode && backup.getStatus() != BackupStatus.COMPLETE) {
      throw new Refusal(
          409,
          "Backup "
              + id
              + " is "
              + backup.getStatus()
              + " in a repository placed on a node; only COMPLETE points there are deleted"
              + " (by the node)");
    }
    if (backup.isLocked()) {
      throw new Refusal(409, "Backup " + id + " is locked; unlock it before deleting it");
    }
    for (BackupHolds hold : holds) {
      hold.holdOn(id)
          .ifPresent(
              why -> {
                throw new Refusal(409, "Backup " + id + " cannot be deleted: " + why);
              });
    }
    if (onNode || backups.hasDependents(backup)) {
      if (backup.getStatus() != BackupStatus.COMPLETE) {
        throw new Refusal(
            409,
            "Backup " + id + " is " + backup.getStatus() + " and other points are built on it");
      }
      obstacles
          .obstacle(id)
          .ifPresent(
              why -> {
                throw new Refusal(409, "Backup " + id + " cannot be deleted now: " + why);
              });
      worker.submit("remove:" + id, () -> removeLater(id, user));
      return false;
    }
    try {
      locks.releaseExpired(backup);
    } catch (IOException e) {
      throw new Refusal(
          409, "The files of backup " + id + " cannot be released: " + e.getMessage());
    }
    List<String> names = backups.disksOf(backup).stream().map(BackupDisk::getFileName).toList();
    ImageStore store;
    try {
      store = repositories.openStore(backup.getRepository().getId());
    } catch (RuntimeException e) {
      throw new Refusal(409, "The files of backup " + id + " cannot be reached: " + e.getMessage());
    }
    List<String> files = new ArrayList<>();
    names.forEach(
        n -> {
          files.add(n);
          files.add(Qcow2Writer.partialName(n));
        });
    if (!names.isEmpty()) {
      files.add(PointFiles.configFile(names));
    }
    if (!names.isEmpty() && backup.getStatus() == BackupStatus.COMPLETE) {
      files.add(
          io.sendense.image.store.ImageNames.join(
              n(names.get(0)), PointManifests.fileName(manifests.pointName(backup))));
    }
    backups.delete(backup);
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
    return true;
  }

  /** The folder part of an image name. */
  private static String n(String fileName) {
    int slash = fileName.lastIndexOf('/');
    return slash < 0 ? "" : fileName.substring(0, slash);
  }

  private void removeLater(long id, String user) {
    PointRemoval.Result r = removal.remove(id, "USER", user, null);
    if (r.outcome() != PointRemoval.Outcome.REMOVED
        && r.outcome() != PointRemoval.Outcome.ON_NODE) {
      audit.record(
          user,
          "backup.delete",
          "backup " + id,
          AuditService.FAILURE,
          null,
          r.outcome() + ": " + r.detail());
    }
  }

  /** Locks a point against deletion (retention keeps it whatever the rules say) or unlocks it. */
  @Transactional
  public BackupDto setLocked(long id, boolean locked) {
    Backup backup = find(id);
    backup.setLocked(locked);
    return toDto(backup, backups.disksOf(backup).size());
  }

  /** The copies of a point in other repositories (any status), oldest first. */
  @Transactional
  public List<BackupDto> copiesOf(long id) {
    find(id);
    return backups.copiesOf(id).stream().map(b -> toDto(b, backups.disksOf(b).size())).toList();
  }

  /** Extends the point's immutable lock to {@code until}; never shortens it. */
  @Transactional
  public BackupDto extendLock(long id, java.time.Instant until) {
    Backup backup = locks.extend(id, until);
    return toDto(backup, backups.disksOf(backup).size());
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
          400,
          "status must be RUNNING, COMPLETE, FAILED, STOPPED or DELETING, not '" + value + "'");
    }
  }

  static BackupDto toDto(Backup b, int disks) {
    return new BackupDto(
        b.getId(),
        b.getVm().getId(),
        b.getVm().getName(),
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
        b.getFallbackReason(),
        b.isLocked(),
        verification(b),
        b.getImmutableUntil(),
        b.getFileProtection(),
        b.getCopyOfBackupId());
  }

  static VerificationDto verification(Backup b) {
    return b.getVerificationStatus() == null
        ? null
        : new VerificationDto(
            b.getVerificationStatus().name(),
            b.getVerificationCheckedAt(),
            b.getVerificationDetail());
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
        d.getChangeTrackingReason(),
        d.getSha256(),
        d.isHashPending());
  }
}
