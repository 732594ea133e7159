package io.sendense.persistence.report;

import io.sendense.persistence.audit.AuditEntry;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.repository.CapacitySample;
import io.sendense.persistence.restore.RestoreJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The aggregates the reports read from the catalog: one grouped query each. */
@ApplicationScoped
public class ReportStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected ReportStore() {}

  public ReportStore(EntityManager em) {
    this.em = em;
  }

  /** How many runs of one flow ended with one status. */
  public record FlowOutcome(long flowId, ExecutionStatus status, long count) {}

  /** Per VM id: when its newest COMPLETE restore point was completed (VMs without one absent). */
  public Map<Long, Instant> lastGoodPoints() {
    List<Object[]> rows =
        em.createQuery(
                "SELECT b.vm.id, MAX(b.completedAt) FROM Backup b WHERE b.status = :complete"
                    + " GROUP BY b.vm.id",
                Object[].class)
            .setParameter("complete", BackupStatus.COMPLETE)
            .getResultList();
    Map<Long, Instant> out = new HashMap<>();
    for (Object[] r : rows) {
      if (r[1] != null) {
        out.put(((Number) r[0]).longValue(), instant(r[1]));
      }
    }
    return out;
  }

  /** One good point: the VM it belongs to and when it was completed. */
  public record GoodPoint(long vmId, Instant completedAt) {}

  /** Every COMPLETE restore point completed at or after {@code since} (copies included). */
  public List<GoodPoint> goodPointsSince(Instant since) {
    return em
        .createQuery(
            "SELECT b.vm.id, b.completedAt FROM Backup b WHERE b.status = :complete"
                + " AND b.completedAt >= :since",
            Object[].class)
        .setParameter("complete", BackupStatus.COMPLETE)
        .setParameter("since", since)
        .getResultList()
        .stream()
        .map(r -> new GoodPoint(((Number) r[0]).longValue(), instant(r[1])))
        .toList();
  }

  /** Every repository's capacity readings taken at or after {@code since}, oldest first. */
  public List<CapacitySample> capacitySamples(Instant since) {
    return em.createQuery(
            "SELECT s FROM CapacitySample s WHERE s.sampledAt >= :since"
                + " ORDER BY s.repositoryId, s.sampledAt",
            CapacitySample.class)
        .setParameter("since", since)
        .getResultList();
  }

  /** The audited restores (file and folder downloads, disk images) since {@code since}. */
  public List<AuditEntry> restoreAudit(Instant since, int max) {
    return em.createQuery(
            "SELECT a FROM AuditEntry a WHERE a.action IN :actions AND a.occurredAt >= :since"
                + " ORDER BY a.occurredAt DESC, a.id DESC",
            AuditEntry.class)
        .setParameter("actions", List.of("restore.download", "restore.image"))
        .setParameter("since", since)
        .setMaxResults(max)
        .getResultList();
  }

  /** Whole-VM restores queued since {@code since}, newest first. */
  public List<RestoreJob> restoreJobs(Instant since, int max) {
    return em.createQuery(
            "SELECT r FROM RestoreJob r WHERE r.queuedAt >= :since ORDER BY r.queuedAt DESC",
            RestoreJob.class)
        .setParameter("since", since)
        .setMaxResults(max)
        .getResultList();
  }

  /** Runs started at or after {@code since}, counted per flow and status. */
  public List<FlowOutcome> flowOutcomes(Instant since) {
    return em
        .createQuery(
            "SELECT e.flow.id, e.status, COUNT(e) FROM FlowExecution e WHERE e.startedAt >= :since"
                + " GROUP BY e.flow.id, e.status",
            Object[].class)
        .setParameter("since", since)
        .getResultList()
        .stream()
        .map(
            r ->
                new FlowOutcome(
                    ((Number) r[0]).longValue(),
                    (ExecutionStatus) r[1],
                    ((Number) r[2]).longValue()))
        .toList();
  }

  /** MAX over a mapped time may come back converted or as the driver's type, by provider. */
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
