package io.sendense.persistence.vm;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.TelemetrySnapshot;
import io.sendense.persistence.common.ReadHints;
import io.sendense.persistence.source.Vm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Read-only queries over backups and their telemetry for VM details, flows and the dashboard. */
@ApplicationScoped
public class VmStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected VmStore() {}

  public VmStore(EntityManager em) {
    this.em = em;
  }

  /** The newest {@code max} backups of {@code vm}, newest first. */
  public List<Backup> backupsOf(Vm vm, int max) {
    return em.createNamedQuery("Backup.byVm", Backup.class)
        .setParameter("vm", vm)
        .setMaxResults(max)
        .getResultList();
  }

  public Optional<Backup> backup(long id) {
    return Optional.ofNullable(em.find(Backup.class, id));
  }

  public List<TelemetrySnapshot> telemetryOf(Backup backup) {
    return em.createNamedQuery("TelemetrySnapshot.byBackup", TelemetrySnapshot.class)
        .setParameter("backup", backup)
        .getResultList();
  }

  /**
   * Progress of the backups a flow execution started: per VM id, the latest bytes done and total.
   */
  public List<Progress> progressOfExecution(long executionId) {
    return em
        .createQuery(
            "SELECT b.vm.id, t.bytesDone, t.bytesTotal FROM TelemetrySnapshot t JOIN t.backup b"
                + " WHERE b.flowExecution.id = :e AND t.id = (SELECT MAX(t2.id) FROM"
                + " TelemetrySnapshot t2 WHERE t2.backup = b)",
            Object[].class)
        .setParameter("e", executionId)
        .getResultList()
        .stream()
        .map(r -> new Progress((Long) r[0], (Long) r[1], (Long) r[2]))
        .toList();
  }

  /**
   * {@link #progressOfExecution} for several executions in one query: per execution id, the latest
   * bytes done and total of each VM's backup.
   */
  public Map<Long, List<Progress>> progressOfExecutions(Collection<Long> executionIds) {
    if (executionIds.isEmpty()) {
      return Map.of();
    }
    return ReadHints.apply(
            em.createQuery(
                "SELECT b.flowExecution.id, b.vm.id, t.bytesDone, t.bytesTotal"
                    + " FROM TelemetrySnapshot t JOIN t.backup b"
                    + " WHERE b.flowExecution.id IN :ids AND t.id = (SELECT MAX(t2.id) FROM"
                    + " TelemetrySnapshot t2 WHERE t2.backup = b)",
                Object[].class))
        .setParameter("ids", executionIds)
        .getResultList()
        .stream()
        .collect(
            Collectors.groupingBy(
                r -> (Long) r[0],
                Collectors.mapping(
                    r -> new Progress((Long) r[1], (Long) r[2], (Long) r[3]),
                    Collectors.toList())));
  }

  /** The backup a batch job execution created, if any. */
  public Optional<Backup> backupOfJob(long jobExecutionId) {
    return em.createQuery("SELECT b FROM Backup b WHERE b.jobExecutionId = :j", Backup.class)
        .setParameter("j", jobExecutionId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /** Backups started at or after {@code since}, newest first. */
  public List<Backup> backupsSince(Instant since) {
    return em.createQuery(
            "SELECT b FROM Backup b WHERE b.startedAt >= :since ORDER BY b.startedAt DESC",
            Backup.class)
        .setParameter("since", since)
        .getResultList();
  }

  public List<Backup> running() {
    return em.createQuery(
            "SELECT b FROM Backup b WHERE b.status = io.sendense.persistence.backup.BackupStatus.RUNNING"
                + " ORDER BY b.startedAt",
            Backup.class)
        .getResultList();
  }

  /** Ids of present VMs that a flow protects, directly or through a group membership. */
  public List<Long> protectedVmIds() {
    List<Long> direct =
        em.createQuery(
                "SELECT DISTINCT f.targetVm.id FROM ProtectionFlow f WHERE f.enabled = TRUE"
                    + " AND f.targetVm IS NOT NULL",
                Long.class)
            .getResultList();
    List<Long> grouped =
        em.createQuery(
                "SELECT DISTINCT m.vm.id FROM GroupMembership m, ProtectionFlow f"
                    + " WHERE f.enabled = TRUE AND f.targetGroup = m.group AND m.enabled = TRUE",
                Long.class)
            .getResultList();
    return java.util.stream.Stream.concat(direct.stream(), grouped.stream()).distinct().toList();
  }

  /** The latest bytes done and total of one VM's backup in a flow execution. */
  public record Progress(long vmId, long bytesDone, long bytesTotal) {}
}
