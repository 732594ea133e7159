package io.sendense.webapp.lifecycle;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.webapp.immutability.PointLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What keeps a restore point from being taken out of its chains now: a lock, a restore session or
 * disk export on it or on a point built on it, a backup job writing on top of it or one that could
 * still be restarted on it, a running backup job of the VM.
 */
@ApplicationScoped
@Transactional
public class RemovalObstacles {
  @Inject BackupStore backups;
  @Inject Instance<BackupHolds> holds;
  @Inject BackupJobStore jobs;
  @Inject PointLocks locks;

  /** A backup job of the VM writing into the repository now, if any. */
  public Optional<String> runningJob(long vmId, long repositoryId) {
    return jobs.runningJob(vmId, repositoryId)
        .map(j -> "backup job " + j.getId() + " of the VM is running");
  }

  /**
   * Why a point cannot be taken out now (a restore session on it or on a point built on it, a lock,
   * a backup job that could still be restarted on it), or empty.
   */
  public Optional<String> obstacle(long backupId) {
    Backup b = backups.byId(backupId).orElse(null);
    if (b == null) {
      return Optional.of("it no longer exists");
    }
    if (b.isLocked()) {
      return Optional.of("it is locked; unlock it first");
    }
    Optional<String> immutable = immutable(b);
    if (immutable.isPresent()) {
      return immutable;
    }
    for (BackupDisk d : backups.disksOf(b)) {
      List<Long> readers = new ArrayList<>(List.of(backupId));
      for (BackupDisk x : backups.descendantsOf(d)) {
        readers.add(x.getBackup().getId());
        Optional<String> job = restartable(x);
        if (job.isPresent()) {
          return job;
        }
      }
      for (long reader : readers) {
        for (BackupHolds hold : holds) {
          Optional<String> why = hold.holdOn(reader);
          if (why.isPresent()) {
            return Optional.of(
                (reader == backupId ? "" : "point " + reader + ", which is built on it: ")
                    + why.get());
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Why an immutable point stops the merge: the point itself, the point whose image would be
   * committed into it and then deleted (its child), or a point whose image's header would be
   * re-pointed (a grandchild). Deeper points are not touched by the merge.
   */
  private Optional<String> immutable(Backup b) {
    Optional<String> self = locks.lockedUntil(b).map(u -> "it is immutable until " + u);
    if (self.isPresent()) {
      return self;
    }
    for (BackupDisk d : backups.disksOf(b)) {
      for (BackupDisk child : backups.childrenOf(d)) {
        Optional<String> c =
            locks
                .lockedUntil(child.getBackup())
                .map(
                    u ->
                        "point "
                            + child.getBackup().getId()
                            + ", which would be merged into it, is immutable until "
                            + u);
        if (c.isPresent()) {
          return c;
        }
        for (BackupDisk grandchild : backups.childrenOf(child)) {
          Optional<String> g =
              locks
                  .lockedUntil(grandchild.getBackup())
                  .map(
                      u ->
                          "point "
                              + grandchild.getBackup().getId()
                              + ", whose image would be re-pointed by the merge, is immutable until "
                              + u);
          if (g.isPresent()) {
            return g;
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A point built on the chain whose job may still be restarted (and would then need it). */
  private Optional<String> restartable(BackupDisk d) {
    Backup b = d.getBackup();
    if (b.getStatus() == BackupStatus.COMPLETE) {
      return Optional.empty();
    }
    if (b.getStatus() == BackupStatus.RUNNING) {
      return Optional.of("backup " + b.getId() + " is being written on top of it");
    }
    return jobs.restartableJobOf(b)
        .map(
            j ->
                "backup job "
                    + j.getId()
                    + " ("
                    + j.getStatus()
                    + ") is built on it and can still be restarted; restart or abandon it first");
  }
}
