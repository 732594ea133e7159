package io.sendense.webapp.copy;

import io.sendense.batch.copy.CopyCatalogPort;
import io.sendense.batch.copy.CopyPlan;
import io.sendense.batch.copy.CopyRequest;
import io.sendense.batch.point.PointFiles;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.backup.BackupType;
import io.sendense.persistence.backup.CopyStore;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.persistence.restore.BackupVmConfig;
import io.sendense.persistence.restore.RestoreJobStore;
import io.sendense.webapp.immutability.PointLocks;
import io.sendense.webapp.lifecycle.ManifestService;
import io.sendense.webapp.lifecycle.PointHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The catalog side of {@code copy-backup}, one transaction per call. A copy is a restore point of
 * its own in the target repository ({@code backups.copy_of_backup_id} names its source), so that
 * restore, verification, retention, merges, manifests and rescans treat it like any point.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class HubCopyCatalogPort implements CopyCatalogPort {
  private static final Logger LOG = Logger.getLogger(HubCopyCatalogPort.class.getName());

  @Inject BackupStore backups;
  @Inject RestoreJobStore restores;
  @Inject ManifestService manifests;
  @Inject PointLocks locks;
  @Inject PointHasher hasher;
  @Inject CopyStore queries;
  @Inject RepositoryStore repositories;
  @Inject Clock clock;

  @Override
  public CopyPlan plan(CopyRequest request) {
    awaitHashes(request.sourceBackupId());
    Backup source =
        backups
            .byId(request.sourceBackupId())
            .orElseThrow(
                () -> new IllegalArgumentException("No restore point " + request.sourceBackupId()));
    Repository target =
        repositories
            .byId(Long.parseLong(request.targetRepositoryId()))
            .orElseThrow(
                () ->
                    new IllegalArgumentException("No repository " + request.targetRepositoryId()));
    CopyRules.checkCopyable(source, target);
    boolean full = "FULL".equalsIgnoreCase(request.mode());
    List<Backup> toCopy = toCopy(source, target, full);
    Map<Long, Map<Long, BackupDisk>> copiedDisks = new HashMap<>();
    List<CopyPlan.Point> points = new ArrayList<>();
    for (Backup x : toCopy) {
      Backup copy = copyRow(x, target, request, x == source);
      points.add(point(x, copy, target, full, copiedDisks));
    }
    return new CopyPlan(
        Long.toString(source.getRepository().getId()),
        Long.toString(target.getId()),
        Long.toString(source.getVm().getId()),
        points);
  }

  /**
   * A byte copy is checked against the source's recorded SHA-256: images of the point's chains
   * whose hash is still pending (a point that just completed) are hashed first, in their own
   * transactions, before this one reads them.
   */
  private void awaitHashes(long sourceBackupId) {
    try {
      hasher.ensureChainsHashed(sourceBackupId);
    } catch (IOException e) {
      throw new IllegalStateException(
          "The images of point "
              + sourceBackupId
              + " could not be hashed before the copy: "
              + e.getMessage(),
          e);
    }
  }

  /** The point and, in incremental mode, its ancestors the target has no complete copy of. */
  private List<Backup> toCopy(Backup source, Repository target, boolean full) {
    Optional<Backup> done = queries.completeCopy(source.getId(), target.getId());
    if (done.isPresent()) {
      throw new IllegalStateException(
          "Point "
              + source.getId()
              + " is copied into '"
              + target.getName()
              + "' already (point "
              + done.get().getId()
              + ")");
    }
    List<Backup> list = new ArrayList<>(List.of(source));
    Backup x = source;
    while (!full) {
      Backup parent = parentPoint(x);
      if (parent == null || queries.completeCopy(parent.getId(), target.getId()).isPresent()) {
        break;
      }
      if (parent.getStatus() != BackupStatus.COMPLETE) {
        throw new IllegalStateException(
            "Point "
                + parent.getId()
                + ", which point "
                + x.getId()
                + " is built on, is "
                + parent.getStatus());
      }
      list.add(parent);
      x = parent;
    }
    Collections.reverse(list);
    return list;
  }

  private Backup parentPoint(Backup b) {
    return backups.disksOf(b).stream()
        .map(BackupDisk::getParent)
        .filter(p -> p != null)
        .map(BackupDisk::getBackup)
        .findFirst()
        .orElse(null);
  }

  /** The copy's row: taken over from an earlier execution if one left it unfinished. */
  private Backup copyRow(Backup x, Repository target, CopyRequest request, boolean requested) {
    Backup copy =
        queries
            .unfinishedCopy(x.getId(), target.getId())
            .orElseGet(
                () -> {
                  Backup b = new Backup();
                  b.setVm(x.getVm());
                  b.setRepository(target);
                  b.setCopyOfBackupId(x.getId());
                  b.setStartedAt(x.getStartedAt());
                  b.setBackupType(x.getBackupType());
                  b.setChangeTracking(x.getChangeTracking());
                  b.setFallbackReason(x.getFallbackReason());
                  return backups.save(b);
                });
    copy.setStatus(BackupStatus.RUNNING);
    copy.setErrorMessage(null);
    copy.setCopyRuleId(request.ruleId());
    if (requested) {
      copy.setJobInstanceId(request.jobInstanceId());
    }
    return copy;
  }

  private CopyPlan.Point point(
      Backup x,
      Backup copy,
      Repository target,
      boolean full,
      Map<Long, Map<Long, BackupDisk>> copiedDisks) {
    Map<Long, BackupDisk> existing = new HashMap<>();
    backups.disksOf(copy).forEach(d -> existing.put(d.getVmDisk().getId(), d));
    Map<Long, BackupDisk> mine = new HashMap<>();
    List<CopyPlan.Image> images = new ArrayList<>();
    boolean anyParent = false;
    for (BackupDisk d : backups.disksOf(x)) {
      BackupDisk cd = existing.get(d.getVmDisk().getId());
      if (cd == null) {
        cd = new BackupDisk();
        cd.setBackup(copy);
        cd.setVmDisk(d.getVmDisk());
        cd.setDiskIndex(d.getDiskIndex());
        cd.setLabel(d.getLabel());
        cd.setFileName(d.getFileName());
        cd.setCapacityBytes(d.getCapacityBytes());
        cd.setChangeId(d.getChangeId());
        cd.setChangeTracking(d.getChangeTracking());
        cd.setChangeTrackingReason(d.getChangeTrackingReason());
        cd.setStartedAt(clock.instant());
        backups.saveDisk(cd);
      }
      BackupDisk parentCopy =
          full || d.getParent() == null ? null : parentCopy(d, target, copiedDisks);
      boolean flatten = d.getParent() != null && parentCopy == null;
      boolean done = cd.getStatus() == BackupStatus.COMPLETE;
      if (!done) {
        cd.setParent(parentCopy);
      }
      anyParent |= cd.getParent() != null;
      mine.put(d.getVmDisk().getId(), cd);
      images.add(
          new CopyPlan.Image(
              cd.getId(),
              d.getVmDisk().getDeviceKey(),
              d.getFileName(),
              ManifestService.facts(d),
              flatten && !done,
              done));
    }
    copy.setBackupType(anyParent ? BackupType.INCREMENTAL : BackupType.FULL);
    copiedDisks.put(x.getId(), mine);
    List<String> names = backups.disksOf(x).stream().map(BackupDisk::getFileName).toList();
    return new CopyPlan.Point(
        x.getId(), copy.getId(), images, names.isEmpty() ? null : PointFiles.configFile(names));
  }

  /**
   * The target's copy of the image {@code d} is built on, if a byte copy of {@code d} can be built
   * on it: a byte-identical copy reads its backing file by name, so the parent's copy must have the
   * name the source parent has now (a merge on either side may have moved it). Else null: the image
   * is flattened into a standalone full.
   */
  private BackupDisk parentCopy(
      BackupDisk d, Repository target, Map<Long, Map<Long, BackupDisk>> copiedDisks) {
    BackupDisk parent = d.getParent();
    Long parentPoint = parent.getBackup().getId();
    BackupDisk candidate =
        copiedDisks.containsKey(parentPoint)
            ? copiedDisks.get(parentPoint).get(d.getVmDisk().getId())
            : queries
                .completeCopy(parentPoint, target.getId())
                .flatMap(
                    c ->
                        backups.disksOf(c).stream()
                            .filter(cd -> cd.getVmDisk().getId().equals(d.getVmDisk().getId()))
                            .findFirst())
                .orElse(null);
    if (candidate == null || !candidate.getFileName().equals(parent.getFileName())) {
      return null;
    }
    return candidate;
  }

  @Override
  public void imageCopied(long copyDiskId, ImageFacts facts) {
    BackupDisk d = backups.diskById(copyDiskId).orElseThrow();
    Instant now = clock.instant();
    ManifestService.record(d, facts, now);
    d.setBytesWritten(facts.fileSize());
    d.setStatus(BackupStatus.COMPLETE);
    d.setCompletedAt(now);
  }

  @Override
  public void pointCopied(long copyBackupId, long bytesCopied, long durationMs) {
    Backup copy = backups.byId(copyBackupId).orElseThrow();
    Instant now = clock.instant();
    long written = backups.disksOf(copy).stream().mapToLong(BackupDisk::getBytesWritten).sum();
    copy.setBytesRead(bytesCopied);
    copy.setBytesWritten(written);
    copy.setDurationMs(Math.max(1, durationMs));
    copy.setAvgRateBps(bytesCopied * 1000 / Math.max(1, durationMs));
    copy.setPeakRateBps(copy.getAvgRateBps());
    copy.setCompletedAt(now);
    copy.setStatus(BackupStatus.COMPLETE);
    copyConfiguration(copy);
    try {
      manifests.write(copy);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "The manifest of copy " + copyBackupId + " was not written", e);
    }
    locks.lockNew(copy);
  }

  /** The VM configuration recorded for the source, recorded for the copy too (whole-VM restore). */
  private void copyConfiguration(Backup copy) {
    if (restores.configOf(copy.getId()).isPresent()) {
      return;
    }
    restores
        .configOf(copy.getCopyOfBackupId())
        .ifPresent(
            c ->
                restores
                    .saveConfig(new BackupVmConfig(copy.getId()))
                    .record(
                        c.getConfigJson(),
                        c.getConfigFile(),
                        c.getCpus(),
                        c.getMemoryMib(),
                        c.getDiskBytes(),
                        c.getFirmware(),
                        c.getGuestId()));
  }

  @Override
  public void failed(List<Long> copyBackupIds, String reason) {
    for (long id : copyBackupIds) {
      backups
          .byId(id)
          .filter(b -> b.getStatus() == BackupStatus.RUNNING)
          .ifPresent(b -> backups.markFailed(b, reason, clock.instant()));
    }
  }
}
