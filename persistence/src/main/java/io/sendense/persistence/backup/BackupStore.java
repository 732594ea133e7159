package io.sendense.persistence.backup;

import io.sendense.persistence.common.Keyset;
import io.sendense.persistence.common.ReadHints;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.source.VmDisk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  /**
   * The point, locked (SELECT ... FOR UPDATE) until the caller's transaction ends, so that two
   * removals of one point plan one after the other and the second sees the first's state.
   */
  public Optional<Backup> lockedById(long id) {
    return Optional.ofNullable(em.find(Backup.class, id, LockModeType.PESSIMISTIC_WRITE));
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

  /**
   * Deletes a disk image's row. Pending changes are written first, so that images re-pointed away
   * from it (their parent link) are updated before the row they referred to goes.
   */
  public void removeDisk(BackupDisk disk) {
    em.flush();
    em.remove(disk);
  }

  public List<Backup> byVm(Vm vm) {
    return em.createNamedQuery("Backup.byVm", Backup.class).setParameter("vm", vm).getResultList();
  }

  /** The newest backup of {@code vm}, in any state. */
  public Optional<Backup> latestOf(Vm vm) {
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

  /** Ids of the images of COMPLETE points whose hash is pending, oldest first. */
  public List<Long> hashPendingDisks() {
    return em.createNamedQuery("BackupDisk.hashPending", Long.class).getResultList();
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
  public List<Backup> pointsOf(long flowId, long vmId) {
    return em.createNamedQuery("Backup.ofFlowAndVm", Backup.class)
        .setParameter("flow", flowId)
        .setParameter("vm", vmId)
        .getResultList();
  }

  /** The VMs that have COMPLETE points made by a flow. */
  public List<Long> vmsWithPointsOf(long flowId) {
    return em.createNamedQuery("Backup.vmsOfFlow", Long.class)
        .setParameter("flow", flowId)
        .getResultList();
  }

  /** Every copy of a point, in any repository and any state, oldest first. */
  public List<Backup> copiesOf(long sourceId) {
    return em.createQuery(
            "SELECT b FROM Backup b WHERE b.copyOfBackupId = :source ORDER BY b.id", Backup.class)
        .setParameter("source", sourceId)
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
    return search(new Filter(vmName, status, repositoryId, null), 0, limit <= 0 ? 500 : limit);
  }

  /** What restore point lists filter on; null fields do not filter. */
  public record Filter(String vmName, BackupStatus status, Long repositoryId, Long vmId) {}

  /**
   * One page of restore points, newest first, with their VM, repository and flow execution loaded
   * in the same query and not tracked for changes (see {@link ReadHints}).
   */
  public List<Backup> search(Filter filter, int offset, int limit) {
    return search(filter, null, offset, limit);
  }

  /** As {@link #search(Filter, int, int)}, from the row after {@code after} when it is given. */
  public List<Backup> search(Filter filter, Keyset after, int offset, int limit) {
    TypedQuery<Long> ids =
        where(
                filter,
                after,
                "SELECT b.id FROM Backup b",
                " ORDER BY b.startedAt DESC, b.id DESC",
                Long.class)
            .setFirstResult(Math.max(0, offset))
            .setMaxResults(limit);
    return ReadHints.page(
        ids,
        em.createQuery("SELECT b FROM Backup b WHERE b.id IN :ids", Backup.class),
        Backup::getId,
        "b.vm",
        "b.repository",
        "b.flowExecution");
  }

  /** How many restore points {@link #search(Filter, int, int)} pages through. */
  public long count(Filter filter) {
    return where(filter, null, "SELECT COUNT(b) FROM Backup b", "", Long.class)
        .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
        .setHint("jakarta.persistence.query.timeout", ReadHints.TIMEOUT_MS)
        .getSingleResult();
  }

  /**
   * VMs with COMPLETE restore points whose name contains {@code nameLike} (any when blank), by
   * name, at most {@code limit}: one grouped query over the points' (VM, time) index, whatever the
   * number of points.
   */
  public List<RestorableVm> restorableVms(String nameLike, int limit) {
    // VMs in name order that have a complete point (an index walk that stops after the page),
    // then the counts of those VMs only: never an aggregate over every point of every VM.
    boolean filtered = nameLike != null && !nameLike.isBlank();
    TypedQuery<Object[]> vms =
        em.createQuery(
            RESTORABLE
                + (filtered ? " AND LOWER(v.name) LIKE :name" : "")
                + " ORDER BY v.name, v.id",
            Object[].class);
    vms.setParameter("complete", BackupStatus.COMPLETE);
    if (filtered) {
      vms.setParameter("name", "%" + nameLike.strip().toLowerCase().replace("%", "\\%") + "%");
    }
    return withCounts(ReadHints.apply(vms).setMaxResults(limit).getResultList());
  }

  /** VM {@code vmId} if it has a complete restore point, with its count and newest. */
  public Optional<RestorableVm> restorableVm(long vmId) {
    TypedQuery<Object[]> vm =
        em.createQuery(RESTORABLE + " AND v.id = :id", Object[].class)
            .setParameter("complete", BackupStatus.COMPLETE)
            .setParameter("id", vmId);
    return withCounts(ReadHints.apply(vm).getResultList()).stream().findFirst();
  }

  private static final String RESTORABLE =
      "SELECT v.id, v.name, s.name FROM Vm v JOIN v.source s"
          + " WHERE EXISTS (SELECT b FROM Backup b WHERE b.vm = v AND b.status = :complete)";

  /** The (id, name, source name) rows with their complete points' count and newest start. */
  private List<RestorableVm> withCounts(List<Object[]> page) {
    if (page.isEmpty()) {
      return List.of();
    }
    Map<Long, Object[]> stats = new HashMap<>();
    ReadHints.apply(
            em.createQuery(
                "SELECT b.vm.id, COUNT(b), MAX(b.startedAt) FROM Backup b"
                    + " WHERE b.vm.id IN :ids AND b.status = :complete"
                    + " GROUP BY b.vm.id",
                Object[].class))
        .setParameter("ids", page.stream().map(r -> (Long) r[0]).toList())
        .setParameter("complete", BackupStatus.COMPLETE)
        .getResultList()
        .forEach(r -> stats.put((Long) r[0], r));
    return page.stream()
        .map(
            r -> {
              Object[] s = stats.get((Long) r[0]);
              return new RestorableVm(
                  (Long) r[0],
                  (String) r[1],
                  (String) r[2],
                  s == null ? 0 : ((Number) s[1]).longValue(),
                  s == null ? null : instant(s[2]));
            })
        .toList();
  }

  /** An aggregate's time: an Instant through the converter, else the driver's timestamp. */
  private static java.time.Instant instant(Object value) {
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.LocalDateTime t) {
      return t.toInstant(java.time.ZoneOffset.UTC);
    }
    return (java.time.Instant) value;
  }

  /** The status of the newest backup of each of {@code vmIds} that has one, in one query. */
  public Map<Long, BackupStatus> latestStatusOf(Collection<Long> vmIds) {
    if (vmIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, BackupStatus> out = new HashMap<>();
    em.createQuery(
            "SELECT b.vm.id, b.status, b.startedAt, b.id FROM Backup b"
                + " WHERE b.vm.id IN :ids AND b.startedAt = (SELECT MAX(o.startedAt)"
                + " FROM Backup o WHERE o.vm = b.vm) ORDER BY b.id",
            Object[].class)
        .setParameter("ids", vmIds)
        .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
        .getResultList()
        .forEach(r -> out.put((Long) r[0], (BackupStatus) r[1]));
    return out;
  }

  /** The number of disk images of each of {@code backupIds}, in one query. */
  public Map<Long, Integer> diskCounts(Collection<Long> backupIds) {
    if (backupIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, Integer> counts = new HashMap<>();
    em.createQuery(
            "SELECT d.backup.id, COUNT(d) FROM BackupDisk d WHERE d.backup.id IN :ids"
                + " GROUP BY d.backup.id",
            Object[].class)
        .setParameter("ids", backupIds)
        .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
        .getResultList()
        .forEach(row -> counts.put((Long) row[0], ((Number) row[1]).intValue()));
    return counts;
  }

  private <T> TypedQuery<T> where(
      Filter filter, Keyset after, String select, String order, Class<T> type) {
    StringBuilder jpql = new StringBuilder(select).append(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (after != null) {
      jpql.append(Keyset.below("b.startedAt", "b.id"));
      params.put("keyAt", after.at());
      params.put("keyId", after.id());
    }
    if (filter.vmName() != null && !filter.vmName().isBlank()) {
      jpql.append(" AND LOWER(b.vm.name) LIKE :vmName");
      params.put("vmName", "%" + filter.vmName().strip().toLowerCase() + "%");
    }
    if (filter.status() != null) {
      jpql.append(" AND b.status = :status");
      params.put("status", filter.status());
    }
    if (filter.repositoryId() != null) {
      jpql.append(" AND b.repository.id = :repositoryId");
      params.put("repositoryId", filter.repositoryId());
    }
    if (filter.vmId() != null) {
      jpql.append(" AND b.vm.id = :vmId");
      params.put("vmId", filter.vmId());
    }
    TypedQuery<T> query = em.createQuery(jpql.append(order).toString(), type);
    params.forEach(query::setParameter);
    return query;
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
