package io.sendense.persistence.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** What the hub's metrics read from the catalog, a few aggregate queries per scrape. */
@ApplicationScoped
public class MetricsStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected MetricsStore() {}

  public MetricsStore(EntityManager em) {
    this.em = em;
  }

  /** Jobs of one type ({@code backup}, {@code copy}, {@code restore_vm}) in one state. */
  public record JobCount(String type, String status, long count) {}

  /** A repository's last measured free space (null: never measured). */
  public record RepositorySpace(String name, Long freeBytes) {}

  /** A flow and when its newest COMPLETE restore point was completed (null: none). */
  public record FlowPoint(String name, Instant lastGoodAt) {}

  @SuppressWarnings("unchecked")
  public List<JobCount> jobCounts() {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT LOWER(job_kind), status, COUNT(*) FROM backup_jobs GROUP BY job_kind,"
                    + " status"
                    + " UNION ALL SELECT 'restore_vm', status, COUNT(*) FROM restore_jobs"
                    + " GROUP BY status")
            .getResultList();
    return rows.stream()
        .map(r -> new JobCount((String) r[0], (String) r[1], ((Number) r[2]).longValue()))
        .toList();
  }

  /**
   * Bytes read from sources and written to repositories by the backups the catalog holds (copies
   * into other repositories left out: they read no source).
   */
  public long[] backupBytes() {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT COALESCE(SUM(bytes_read), 0), COALESCE(SUM(bytes_written), 0)"
                        + " FROM backups WHERE copy_of_backup_id IS NULL")
                .getSingleResult();
    return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
  }

  /** The summed transfer rate of running backup and restore jobs, bytes per second. */
  public long transferRate() {
    Object value =
        em.createNativeQuery(
                "SELECT COALESCE((SELECT SUM(rate_bps) FROM backup_jobs WHERE status ="
                    + " 'RUNNING'), 0) + COALESCE((SELECT SUM(rate_bps) FROM restore_jobs WHERE"
                    + " status = 'RUNNING'), 0)")
            .getSingleResult();
    return ((Number) value).longValue();
  }

  @SuppressWarnings("unchecked")
  public List<RepositorySpace> repositories() {
    List<Object[]> rows =
        em.createNativeQuery("SELECT name, capacity_free_bytes FROM repositories ORDER BY name")
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new RepositorySpace(
                    (String) r[0], r[1] == null ? null : ((Number) r[1]).longValue()))
        .toList();
  }

  @SuppressWarnings("unchecked")
  public List<FlowPoint> flowPoints() {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT f.name, MAX(b.completed_at) FROM protection_flows f"
                    + " LEFT JOIN flow_executions e ON e.flow_id = f.id"
                    + " LEFT JOIN backups b ON b.flow_execution_id = e.id AND b.status ="
                    + " 'COMPLETE' GROUP BY f.id, f.name ORDER BY f.name")
            .getResultList();
    return rows.stream().map(r -> new FlowPoint((String) r[0], instant(r[1]))).toList();
  }

  private static Instant instant(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof LocalDateTime l) {
      return l.atZone(ZoneId.systemDefault()).toInstant();
    }
    return (Instant) value;
  }
}
