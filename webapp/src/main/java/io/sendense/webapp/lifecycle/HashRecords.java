package io.sendense.webapp.lifecycle;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.webapp.immutability.PointLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The catalog side of {@link PointHasher}: which images wait for a hash, and recording it. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class HashRecords {
  private static final Logger LOG = Logger.getLogger(HashRecords.class.getName());

  @Inject BackupStore backups;
  @Inject ManifestService manifests;
  @Inject PointLocks locks;

  /** An image to hash: where it is and how big it was when its point completed. */
  public record Target(long diskId, long backupId, long repositoryId, String file, Long size) {}

  /** The image, if its hash is still pending. */
  public Optional<Target> pending(long diskId) {
    return backups
        .diskById(diskId)
        .filter(BackupDisk::isHashPending)
        .map(
            d ->
                new Target(
                    d.getId(),
                    d.getBackup().getId(),
                    d.getBackup().getRepository().getId(),
                    d.getFileName(),
                    d.getFileSizeBytes()));
  }

  /** Every image whose hash is pending (left by a hub that stopped, or queued now). */
  public List<Long> pendingDisks() {
    return backups.hashPendingDisks();
  }

  /** The pending images of a repository's image named {@code file}, or empty. */
  public Optional<Long> pendingByFile(long repositoryId, String file) {
    return backups
        .diskByFile(repositoryId, file)
        .filter(BackupDisk::isHashPending)
        .map(BackupDisk::getId);
  }

  /** The pending images of a point's chains (the point's own and those it is built on). */
  public List<Long> pendingInChains(long backupId) {
    List<Long> ids = new ArrayList<>();
    Backup b = backups.byId(backupId).orElse(null);
    if (b == null) {
      return ids;
    }
    for (BackupDisk top : backups.disksOf(b)) {
      for (BackupDisk d : backups.chainOf(top)) {
        if (d.isHashPending() && !ids.contains(d.getId())) {
          ids.add(d.getId());
        }
      }
    }
    return ids;
  }

  /**
   * Records the hash of a pending image, unless it is no longer pending or was renamed meanwhile (a
   * merge recorded its own facts); rewrites the point's manifest once none of its images is
   * pending. False if nothing was recorded.
   */
  public boolean record(long diskId, String file, String sha256, Instant at) {
    BackupDisk d = backups.diskById(diskId).orElse(null);
    if (d == null || !d.isHashPending() || !file.equals(d.getFileName())) {
      return false;
    }
    d.setSha256(sha256);
    d.setHashedAt(at);
    d.setHashPending(false);
    Backup b = d.getBackup();
    Instant completed = b.getCompletedAt();
    LOG.info(
        () ->
            "Recorded the SHA-256 of "
                + file
                + (completed == null
                    ? ""
                    : ", "
                        + Duration.between(completed, at).toMillis()
                        + " ms after point "
                        + b.getId()
                        + " completed"));
    if (b.getStatus() == BackupStatus.COMPLETE
        && backups.disksOf(b).stream().noneMatch(BackupDisk::isHashPending)) {
      try {
        manifests.write(b);
      } catch (RepositoryUnreachable e) {
        LOG.fine(() -> "The manifest of point " + b.getId() + " is not written: " + e.reason());
      } catch (IOException | RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "The manifest of point "
                + b.getId()
                + " was not rewritten with its hashes;"
                + " verification writes it later",
            e);
      }
      locks.protectHashed(b);
    }
    return true;
  }
}
