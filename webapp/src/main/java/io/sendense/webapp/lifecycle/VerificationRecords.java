package io.sendense.webapp.lifecycle;

import io.sendense.image.qcow2.ImageFacts;
import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.backup.VerificationStatus;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The catalog side of verification: what to check, and recording what was found. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class VerificationRecords {
  private static final Logger LOG = Logger.getLogger(VerificationRecords.class.getName());

  @Inject Clock clock;
  @Inject BackupStore backups;
  @Inject RepositoryStore repositories;
  @Inject ManifestService manifests;
  @Inject Event<PointsChanged> changed;

  /**
   * One image of a chain to check: its row, file, the facts recorded for it (or null) and whether
   * its hash is still pending (then the facts hold no SHA-256 yet).
   */
  public record Image(long diskId, String file, ImageFacts expected, boolean hashPending) {}

  /** A point with the images of all its disks' chains, top first. */
  public record PointChains(long backupId, long vmId, long repositoryId, List<Image> images) {}

  /** The chains of COMPLETE points. */
  public List<PointChains> chains(List<Long> backupIds) {
    List<PointChains> all = new ArrayList<>();
    for (long id : backupIds) {
      Backup b = backups.byId(id).orElse(null);
      if (b == null || b.getStatus() != BackupStatus.COMPLETE) {
        continue;
      }
      Map<Long, Image> images = new LinkedHashMap<>();
      for (BackupDisk top : backups.disksOf(b)) {
        List<BackupDisk> chain = backups.chainOf(top);
        for (int i = chain.size() - 1; i >= 0; i--) {
          BackupDisk d = chain.get(i);
          images.putIfAbsent(
              d.getId(),
              new Image(d.getId(), d.getFileName(), ManifestService.facts(d), d.isHashPending()));
        }
      }
      all.add(
          new PointChains(
              id, b.getVm().getId(), b.getRepository().getId(), new ArrayList<>(images.values())));
    }
    return all;
  }

  /** The facts recorded for an image now (after its pending hash was recorded), or null. */
  public ImageFacts expected(long diskId) {
    return backups.diskById(diskId).map(ManifestService::facts).orElse(null);
  }

  /** COMPLETE points of a repository, oldest first. */
  public List<Long> pointsIn(long repositoryId) {
    return backups.inRepository(repositoryId, BackupStatus.COMPLETE).stream()
        .map(Backup::getId)
        .toList();
  }

  /** Records the hash and facts of an image that had none recorded (points made before). */
  public void firstFacts(long diskId, ImageFacts found) {
    BackupDisk d = backups.diskById(diskId).orElse(null);
    if (d != null && d.getSha256() == null) {
      ManifestService.record(d, found, clock.instant());
    }
  }

  /**
   * Records a point's verdict. A CORRUPT or MISSING point marks every point built on it the same
   * way (their chains read through it), so none of them is used as a parent again.
   */
  public void verdict(long backupId, VerificationStatus status, String detail, Instant at) {
    Backup b = backups.byId(backupId).orElse(null);
    if (b == null) {
      return;
    }
    mark(b, status, detail, at);
    changed.fire(new PointsChanged());
    if (status != VerificationStatus.VERIFIED) {
      for (BackupDisk d : backups.disksOf(b)) {
        for (BackupDisk above : backups.descendantsOf(d)) {
          if (above.getBackup().getStatus() == BackupStatus.COMPLETE) {
            mark(
                above.getBackup(),
                status,
                "built on point " + backupId + ", which is " + status + ": " + detail,
                at);
          }
        }
      }
    }
    writeManifestIfMissing(b);
  }

  private static void mark(Backup b, VerificationStatus status, String detail, Instant at) {
    b.setVerificationStatus(status);
    b.setVerificationCheckedAt(at);
    b.setVerificationDetail(detail == null || detail.isEmpty() ? null : detail);
  }

  /** Writes the manifest of a point that has none (written before manifests, or a failed write). */
  private void writeManifestIfMissing(Backup b) {
    try {
      List<BackupDisk> disks = backups.disksOf(b);
      if (disks.isEmpty() || b.getStatus() != BackupStatus.COMPLETE) {
        return;
      }
      String manifest =
          io.sendense.image.store.ImageNames.join(
              ManifestService.folderOf(disks.get(0).getFileName()),
              io.sendense.image.point.PointManifests.fileName(manifests.pointName(b)));
      boolean present;
      try (io.sendense.image.store.ImageStore store = manifests.open(b)) {
        present = store.isFile(manifest);
      }
      if (!present) {
        manifests.write(b);
        LOG.info(() -> "Wrote the missing manifest " + manifest);
      }
    } catch (RepositoryUnreachable e) {
      LOG.fine(() -> "Manifest of point " + b.getId() + " not written: " + e.reason());
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Manifest of point " + b.getId() + " not written", e);
    }
  }

  /** Notes a repository's verification pass. */
  public void repositoryVerified(long repositoryId, String summary, Instant at) {
    Repository r = repositories.byId(repositoryId).orElse(null);
    if (r != null) {
      r.setLastVerifiedAt(at);
      r.setLastVerifySummary(summary);
    }
  }
}
