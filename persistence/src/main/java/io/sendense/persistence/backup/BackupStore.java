package io.sendense.persistence.backup;

import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.VmContext;
import io.sendense.persistence.source.VmDisk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Restore points: the queries backup jobs and restore need to find parents and chains. */
@ApplicationScoped
public class BackupStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected BackupStore() {}

  public BackupStore(EntityManager em) {
    this.em = em;
  }

  public Optional<Backup> byId(long id) {
    return Optional.ofNullable(em.find(Backup.class, id));
  }

  public Backup save(Backup backup) {
    if (backup.getId() == null) {
      em.persist(backup);
      em.flush();
      return backup;
    }
    return em.merge(backup);
  }

  public BackupDisk saveDisk(BackupDisk disk) {
    if (disk.getId() == null) {
      em.persist(disk);
      em.flush();
      return disk;
    }
    return em.merge(disk);
  }

  public List<Backup> byVm(VmContext vm) {
    return em.createNamedQuery("Backup.byVm", Backup.class).setParameter("vm", vm).getResultList();
  }

  /** The newest backup of {@code vm}, in any state. */
  public Optional<Backup> latestOf(VmContext vm) {
    return em.createNamedQuery("Backup.byVm", Backup.class)
        .setParameter("vm", vm)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  public List<BackupDisk> disksOf(Backup backup) {
    return em.createNamedQuery("BackupDisk.byBackup", BackupDisk.class)
        .setParameter("backup", backup)
        .getResultList();
  }

  /**
   * The newest disk image of {@code disk} in {@code repository} that may serve as a parent: the
   * disk and its whole backup are COMPLETE. Failed, stopped or running points never qualify.
   */
  public Optional<BackupDisk> latestCompleteDisk(VmDisk disk, Repository repository) {
    return em.createNamedQuery("BackupDisk.latestComplete", BackupDisk.class)
        .setParameter("disk", disk)
        .setParameter("repository", repository)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /**
   * The chain a disk image needs to be read, from the full at index 0 to {@code top} itself.
   *
   * @throws IllegalStateException if the parent links loop, which only a corrupted catalog can do
   */
  public List<BackupDisk> chainOf(BackupDisk top) {
    List<BackupDisk> chain = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (BackupDisk d = top; d != null; d = d.getParent()) {
      if (!seen.add(d.getId())) {
        throw new IllegalStateException("Backup disk chain loops at backup disk " + d.getId());
      }
      chain.add(0, d);
    }
    return chain;
  }

  /** Whether any other restore point is built on one of {@code backup}'s disk images. */
  public boolean hasDependents(Backup backup) {
    return em.createNamedQuery("BackupDisk.children", Long.class)
            .setParameter("backup", backup)
            .getSingleResult()
        > 0;
  }

  /**
   * Marks a backup that did not complete, and its disks that did not, FAILED: never a parent, never
   * a restore point. The one place that rule is written; a COMPLETE backup is left as it is.
   */
  public void markFailed(Backup backup, String reason, Instant at) {
    if (backup.getStatus() == BackupStatus.COMPLETE) {
      return;
    }
    backup.setStatus(BackupStatus.FAILED);
    backup.setErrorMessage(reason);
    backup.setCompletedAt(at);
    backup.setDurationMs(Math.max(0, Duration.between(backup.getStartedAt(), at).toMillis()));
    for (BackupDisk disk : disksOf(backup)) {
      if (disk.getStatus() != BackupStatus.COMPLETE) {
        disk.setStatus(BackupStatus.FAILED);
      }
    }
  }

  /** The backup the hub's batch job instance {@code jobInstanceId} created, if any. */
  public Optional<Backup> byJobInstance(long jobInstanceId) {
    return em.createNamedQuery("Backup.byJobInstance", Backup.class)
        .setParameter("instance", jobInstanceId)
        .getResultStream()
        .findFirst();
  }

  /** Newest first; null arguments do not filter. */
  public List<Backup> search(String vmName, BackupStatus status, Long repositoryId, int limit) {
    StringBuilder jpql = new StringBuilder("SELECT b FROM Backup b WHERE 1 = 1");
    if (vmName != null && !vmName.isBlank()) {
      jpql.append(" AND LOWER(b.vmContext.name) LIKE :vmName");
    }
    if (status != null) {
      jpql.append(" AND b.status = :status");
    }
    if (repositoryId != null) {
      jpql.append(" AND b.repository.id = :repositoryId");
    }
    jpql.append(" ORDER BY b.startedAt DESC, b.id DESC");
    var query = em.createQuery(jpql.toString(), Backup.class);
    if (vmName != null && !vmName.isBlank()) {
      query.setParameter("vmName", "%" + vmName.strip().toLowerCase() + "%");
    }
    if (status != null) {
      query.setParameter("status", status);
    }
    if (repositoryId != null) {
      query.setParameter("repositoryId", repositoryId);
    }
    return query.setMaxResults(limit <= 0 ? 500 : limit).getResultList();
  }

  /** Deletes a backup and its disk rows; the caller checked {@link #hasDependents}. */
  public void delete(Backup backup) {
    Backup managed = em.contains(backup) ? backup : em.merge(backup);
    disksOf(managed).forEach(em::remove);
    em.flush();
    em.remove(managed);
  }

  public TelemetrySnapshot saveTelemetry(TelemetrySnapshot snapshot) {
    em.persist(snapshot);
    return snapshot;
  }

  public List<TelemetrySnapshot> telemetryOf(Backup backup) {
    return em.createNamedQuery("TelemetrySnapshot.byBackup", TelemetrySnapshot.class)
        .setParameter("backup", backup)
        .getResultList();
  }
}
