package io.sendense.persistence.backup;

import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.VmContext;
import io.sendense.persistence.source.VmDisk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
        .findFirst()
        .filter(BackupStore::buildable);
  }

  /**
   * Whether a new incremental may build on this image: its point was not found corrupt or missing
   * by a verification (then the next backup is a full rather than one on an older point).
   */
  private static boolean buildable(BackupDisk disk) {
    VerificationStatus v = disk.getBackup().getVerificationStatus();
    return v == null || v.usable();
  }

  public Optional<BackupDisk> diskById(long id) {
    return Optional.ofNullable(em.find(BackupDisk.class, id));
  }

  /** The images built directly on {@code disk}. */
  public List<BackupDisk> childrenOf(BackupDisk disk) {
    return em.createNamedQuery("BackupDisk.childrenOf", BackupDisk.class)
        .setParameter("disk", disk)
        .getResultList();
  }

  /** Every image that reads through {@code disk} (children, their children, ...). */
  public List<BackupDisk> descendantsOf(BackupDisk disk) {
    List<BackupDisk> all = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    List<BackupDisk> next = childrenOf(disk);
    while (!next.isEmpty()) {
      List<BackupDisk> level = new ArrayList<>();
      for (BackupDisk d : next) {
        if (seen.add(d.getId())) {
          all.add(d);
          level.addAll(childrenOf(d));
        }
      }
      next = level;
    }
    return all;
  }

  /** The image named {@code fileName} in a repository, if the catalog knows it. */
  public Optional<BackupDisk> diskByFile(long repositoryId, String fileName) {
    return em.createNamedQuery("BackupDisk.byFile", BackupDisk.class)
        .setParameter("repository", repositoryId)
        .setParameter("file", fileName)
        .getResultStream()
        .findFirst();
  }

  /** Every image row of a repository, in any state. */
  public List<BackupDisk> disksIn(long repositoryId) {
    return em.createNamedQuery("BackupDisk.inRepository", BackupDisk.class)
        .setParameter("repository", repositoryId)
        .getResultList();
  }

  /** COMPLETE points a flow made of one VM, oldest first. */
  public List<Backup> pointsOf(long flowId, long vmContextId) {
    return em.createNamedQuery("Backup.ofFlowAndVm", Backup.class)
        .setParameter("flow", flowId)
        .setParameter("vm", vmContextId)
        .getResultList();
  }

  /** The VMs that have COMPLETE points made by a flow. */
  public List<Long> vmsWithPointsOf(long flowId) {
    return em.createNamedQuery("Backup.vmsOfFlow", Long.class)
        .setParameter("flow", flowId)
        .getResultList();
  }

  /** The points of a repository in one state, oldest first. */
  public List<Backup> inRepository(long repositoryId, BackupStatus status) {
    return em.createNamedQuery("Backup.inRepository", Backup.class)
        .setParameter("repository", repositoryId)
        .setParameter("status", status)
        .getResultList();
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
