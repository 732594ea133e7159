package io.sendense.webapp.immutability;

import io.sendense.batch.point.PointFiles;
import io.sendense.image.point.PointManifests;
import io.sendense.image.store.ImageNames;
import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.repository.Repository;
import io.sendense.webapp.common.PointNames;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.repository.RepositoryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Immutable points: a point written into a repository that is "immutable for N days" is locked
 * until its completion plus N days. Before then nobody deletes or changes it (the delete, the
 * merges and retention ask {@link #lockedUntil}); the lock is extended, never shortened. On a local
 * folder its files are also protected by the file system ({@link FileProtection}); after the lock
 * ended they are released just before the hub itself deletes or merges them.
 */
@ApplicationScoped
public class PointLocks {
  private static final Logger LOG = Logger.getLogger(PointLocks.class.getName());

  @Inject BackupStore backups;
  @Inject RepositoryService repositories;
  @Inject Clock clock;

  private final FileProtection protection = FileProtection.system();

  /**
   * Locks a point that has just completed if its repository is immutable, and protects its files;
   * runs in the caller's transaction, after the point's manifest was written. While an image's hash
   * is pending the files are protected only once the hasher has recorded it and rewritten the
   * manifest ({@link #protectHashed}); the hub refuses every change from now on.
   */
  public void lockNew(Backup backup) {
    Repository repository = backup.getRepository();
    Instant until =
        LockRules.until(
            backup.getCompletedAt() == null ? clock.instant() : backup.getCompletedAt(),
            repository.getImmutableDays());
    if (until == null) {
      return;
    }
    backup.setImmutableUntil(until);
    protectUnlessPending(backup);
  }

  /**
   * Protects the files of a locked point whose images' hashes were all recorded now (and its
   * manifest rewritten with them); runs in the caller's transaction.
   */
  public void protectHashed(Backup backup) {
    if (lockedUntil(backup).isPresent()) {
      protect(backup);
    }
  }

  /** The end of the point's lock while it holds, else empty. */
  public Optional<Instant> lockedUntil(Backup backup) {
    Instant until = backup.getImmutableUntil();
    return LockRules.holds(until, clock.instant()) ? Optional.of(until) : Optional.empty();
  }

  /** Refuses (409, with the expiry) when the point is immutable now. */
  public void requireChangeable(Backup backup, String what) {
    lockedUntil(backup)
        .ifPresent(
            until -> {
              throw LockRules.refusal(backup.getId(), what, until);
            });
  }

  /**
   * Extends the point's lock to {@code until} (or locks a point that had none) and protects its
   * files; refused when it would end sooner than the lock it has.
   */
  @Transactional
  public Backup extend(long backupId, Instant until) {
    Backup backup =
        backups.byId(backupId).orElseThrow(() -> new Refusal(404, "No backup with id " + backupId));
    if (backup.getStatus() != BackupStatus.COMPLETE) {
      throw new Refusal(
          409, "Backup " + backupId + " is " + backup.getStatus() + "; only complete points lock");
    }
    backup.setImmutableUntil(
        LockRules.extended(backup.getImmutableUntil(), until, clock.instant()));
    protectUnlessPending(backup);
    return backup;
  }

  /**
   * Gives an unlocked point's files back to the hub (clears the immutable attribute and the
   * read-only mode left from a lock that has ended), before it deletes or merges them.
   *
   * @throws Refusal if the point is still immutable
   * @throws IOException if the attribute cannot be cleared
   */
  public void releaseExpired(Backup backup) throws IOException {
    requireChangeable(backup, "deleted or changed");
    String level = backup.getFileProtection();
    if (level == null || FileProtection.Level.NONE.name().equals(level)) {
      return;
    }
    Optional<Path> folder = repositories.localFolder(backup.getRepository().getId());
    if (folder.isPresent()) {
      protection.release(paths(folder.get(), backup));
    }
    backup.setFileProtection(null);
  }

  /**
   * Releases the files a merge is about to touch: the removed point's, the child's whose image is
   * committed into it, and those of the points whose images are re-pointed.
   */
  @Transactional
  public void releaseForRemoval(
      long backupId, long repositoryId, List<Long> children, List<String> repointFiles)
      throws IOException {
    List<Backup> touched = new ArrayList<>();
    backups.byId(backupId).ifPresent(touched::add);
    children.forEach(id -> backups.byId(id).ifPresent(touched::add));
    for (String file : repointFiles) {
      backups.diskByFile(repositoryId, file).map(BackupDisk::getBackup).ifPresent(touched::add);
    }
    for (Backup b : touched) {
      releaseExpired(b);
    }
  }

  /** Protects the files now, or once the hasher has recorded the pending hashes. */
  private void protectUnlessPending(Backup backup) {
    if (backups.disksOf(backup).stream().noneMatch(BackupDisk::isHashPending)) {
      protect(backup);
    }
  }

  private void protect(Backup backup) {
    Optional<Path> folder = repositories.localFolder(backup.getRepository().getId());
    if (folder.isEmpty()) {
      backup.setFileProtection(FileProtection.Level.NONE.name());
      return;
    }
    try {
      backup.setFileProtection(protection.protect(paths(folder.get(), backup)).name());
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "The files of immutable point "
              + backup.getId()
              + " could not be protected; the hub"
              + " still refuses every change until "
              + backup.getImmutableUntil(),
          e);
      backup.setFileProtection(FileProtection.Level.NONE.name());
    }
  }

  /** The point's images, its manifest and its VM configuration file under the local folder. */
  private List<Path> paths(Path folder, Backup backup) {
    List<String> names = backups.disksOf(backup).stream().map(BackupDisk::getFileName).toList();
    List<Path> paths = new ArrayList<>();
    names.forEach(n -> paths.add(folder.resolve(n)));
    if (!names.isEmpty()) {
      paths.add(folder.resolve(PointFiles.configFile(names)));
      paths.add(
          folder.resolve(
              ImageNames.join(
                  ImageNames.parent(names.get(0)),
                  PointManifests.fileName(PointNames.of(backup)))));
    }
    return paths;
  }
}
