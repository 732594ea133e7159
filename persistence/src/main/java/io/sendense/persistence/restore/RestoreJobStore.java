package io.sendense.persistence.restore;

import io.sendense.persistence.common.ReadHints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** VM restore jobs and the VM configurations recorded with restore points. */
@ApplicationScoped
public class RestoreJobStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected RestoreJobStore() {}

  public RestoreJobStore(EntityManager em) {
    this.em = em;
  }

  /** What the console filters on; null fields do not filter. */
  public record Filter(
      RestoreJobStatus status, String vmName, Long vmId, Instant from, Instant to, int limit) {}

  public Optional<RestoreJob> byId(long id) {
    return Optional.ofNullable(em.find(RestoreJob.class, id));
  }

  public RestoreJob save(RestoreJob job) {
    if (job.getId() == null) {
      em.persist(job);
      em.flush();
      return job;
    }
    return em.merge(job);
  }

  /** Jobs in any of {@code statuses}, oldest first. */
  public List<RestoreJob> inStatus(Collection<RestoreJobStatus> statuses) {
    return em.createNamedQuery("RestoreJob.byStatus", RestoreJob.class)
        .setParameter("statuses", statuses)
        .getResultList();
  }

  /** The restores placed on a node in one of the statuses, oldest queued first. */
  public List<RestoreJob> onNode(long nodeId, Collection<RestoreJobStatus> statuses) {
    return em.createNamedQuery("RestoreJob.onNode", RestoreJob.class)
        .setParameter("node", nodeId)
        .setParameter("statuses", statuses)
        .getResultList();
  }

  /** Newest first; the VM name matches the restored VM's or the new VM's name. */
  public List<RestoreJob> search(Filter filter) {
    return where(
            filter,
            "SELECT j FROM RestoreJob j",
            " ORDER BY j.queuedAt DESC, j.id DESC",
            RestoreJob.class)
        .setMaxResults(filter.limit() <= 0 ? 200 : filter.limit())
        .getResultList();
  }

  /** How many jobs {@link #search} finds without its limit. */
  public long count(Filter filter) {
    return ReadHints.apply(where(filter, "SELECT COUNT(j) FROM RestoreJob j", "", Long.class))
        .getSingleResult();
  }

  private <T> TypedQuery<T> where(Filter filter, String select, String order, Class<T> type) {
    StringBuilder jpql = new StringBuilder(select).append(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (filter.status() != null) {
      jpql.append(" AND j.status = :status");
      params.put("status", filter.status());
    }
    if (filter.vmName() != null && !filter.vmName().isBlank()) {
      jpql.append(" AND (LOWER(j.vmName) LIKE :name OR LOWER(j.targetName) LIKE :name)");
      params.put("name", "%" + filter.vmName().strip().toLowerCase() + "%");
    }
    if (filter.vmId() != null) {
      jpql.append(" AND j.vmId = :vm");
      params.put("vm", filter.vmId());
    }
    if (filter.from() != null) {
      jpql.append(" AND j.queuedAt >= :from");
      params.put("from", filter.from());
    }
    if (filter.to() != null) {
      jpql.append(" AND j.queuedAt < :to");
      params.put("to", filter.to());
    }
    TypedQuery<T> query = em.createQuery(jpql.append(order).toString(), type);
    params.forEach(query::setParameter);
    return query;
  }

  /**
   * Records progress of restore {@code id} without touching the row's version (telemetry arrives
   * from the job's threads while the hub changes the status): plain SQL, because EclipseLink bumps
   * the version in JPQL bulk updates. The first call that reports bytes also sets the time of the
   * first byte.
   */
  public void progress(
      long id,
      RestoreJobPhase phase,
      long bytesDone,
      long bytesTotal,
      long rateBps,
      Long etaSeconds) {
    em.createNativeQuery(
            "UPDATE restore_jobs SET phase = ?, bytes_done = ?, bytes_total = ?, rate_bps = ?,"
                + " eta_seconds = ?, first_byte_at = CASE WHEN first_byte_at IS NULL AND ? > 0"
                + " THEN CURRENT_TIMESTAMP(3) ELSE first_byte_at END WHERE id = ?")
        .setParameter(1, phase.name())
        .setParameter(2, bytesDone)
        .setParameter(3, bytesTotal)
        .setParameter(4, rateBps)
        .setParameter(5, etaSeconds)
        .setParameter(6, bytesDone)
        .setParameter(7, id)
        .executeUpdate();
  }

  /**
   * Marks disk {@code diskKey} of restore {@code id} written. Plain SQL like {@link #progress}: the
   * disks are an element collection of the job, so changing one through the entity bumps the job's
   * version, and disks uploaded in parallel finish in concurrent transactions.
   */
  public void diskUploaded(long id, int diskKey, long bytesSent, long durationMs) {
    int rows =
        em.createNativeQuery(
                "UPDATE restore_job_disks SET uploaded = TRUE, bytes_sent = ?, duration_ms = ?"
                    + " WHERE restore_job_id = ? AND disk_key = ?")
            .setParameter(1, bytesSent)
            .setParameter(2, durationMs)
            .setParameter(3, id)
            .setParameter(4, diskKey)
            .executeUpdate();
    if (rows != 1) {
      throw new IllegalArgumentException("Restore " + id + " has no disk " + diskKey);
    }
  }

  /** Notes a node's report on restore {@code id} (no version change, as progress). */
  public void nodeContact(long id, Instant at) {
    em.createNativeQuery("UPDATE restore_jobs SET node_contact_at = ? WHERE id = ?")
        .setParameter(1, java.sql.Timestamp.from(at))
        .setParameter(2, id)
        .executeUpdate();
  }

  /** Asks a running restore to stop; the job polls it (no version change, as progress). */
  public void requestCancel(long id) {
    em.createNativeQuery("UPDATE restore_jobs SET cancel_requested = TRUE WHERE id = ?")
        .setParameter(1, id)
        .executeUpdate();
  }

  /** Whether a cancel was requested, read past any cached state. */
  public boolean cancelRequested(long id) {
    Object value =
        em.createNativeQuery("SELECT cancel_requested FROM restore_jobs WHERE id = ?")
            .setParameter(1, id)
            .getResultStream()
            .findFirst()
            .orElse(false);
    return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
  }

  public Optional<BackupVmConfig> configOf(long backupId) {
    return Optional.ofNullable(em.find(BackupVmConfig.class, backupId));
  }

  public BackupVmConfig saveConfig(BackupVmConfig config) {
    if (em.find(BackupVmConfig.class, config.getBackupId()) == null) {
      em.persist(config);
      return config;
    }
    return em.merge(config);
  }
}
