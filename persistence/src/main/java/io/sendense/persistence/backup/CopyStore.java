package io.sendense.persistence.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The catalog's copies of restore points and their copy jobs; runs in the caller's transaction. */
@ApplicationScoped
public class CopyStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected CopyStore() {}

  public CopyStore(EntityManager em) {
    this.em = em;
  }

  /** The complete copy of a point in a repository, if there is one. */
  public Optional<Backup> completeCopy(long sourceId, long repositoryId) {
    return copies(sourceId, repositoryId).stream()
        .filter(b -> b.getStatus() == BackupStatus.COMPLETE)
        .findFirst();
  }

  /** A copy of a point in a repository that an earlier job left RUNNING, FAILED or STOPPED. */
  public Optional<Backup> unfinishedCopy(long sourceId, long repositoryId) {
    return copies(sourceId, repositoryId).stream()
        .filter(
            b ->
                b.getStatus() == BackupStatus.RUNNING
                    || b.getStatus() == BackupStatus.FAILED
                    || b.getStatus() == BackupStatus.STOPPED)
        .findFirst();
  }

  /** The complete copies a rule made of a VM, oldest first (its retention applies to them). */
  public List<Backup> copiesOfRule(long ruleId, long vmId) {
    return em.createQuery(
            "SELECT b FROM Backup b WHERE b.copyRuleId = :rule AND b.vm.id = :vm"
                + " AND b.status = io.sendense.persistence.backup.BackupStatus.COMPLETE"
                + " ORDER BY b.startedAt, b.id",
            Backup.class)
        .setParameter("rule", ruleId)
        .setParameter("vm", vmId)
        .getResultList();
  }

  /** Copy jobs of a point that are queued or running. */
  public List<BackupJob> activeCopyJobsOf(long sourceId) {
    return em.createQuery(
            "SELECT j FROM BackupJob j WHERE j.jobKind = :kind AND j.copySourceBackupId = :source"
                + " AND j.status IN :statuses",
            BackupJob.class)
        .setParameter("kind", JobKind.COPY)
        .setParameter("source", sourceId)
        .setParameter("statuses", List.of(BackupJobStatus.QUEUED, BackupJobStatus.RUNNING))
        .getResultList();
  }

  /** When a rule last queued a copy of a VM (any outcome but cancelled), or empty. */
  public Optional<Instant> lastCopyQueued(long ruleId, long vmId) {
    return em.createQuery(
            "SELECT MAX(j.queuedAt) FROM BackupJob j WHERE j.jobKind = :kind AND j.copyRuleId = :rule"
                + " AND j.vm.id = :vm AND j.status <> :abandoned",
            Instant.class)
        .setParameter("kind", JobKind.COPY)
        .setParameter("rule", ruleId)
        .setParameter("vm", vmId)
        .setParameter("abandoned", BackupJobStatus.ABANDONED)
        .getResultStream()
        .filter(i -> i != null)
        .findFirst();
  }

  private List<Backup> copies(long sourceId, long repositoryId) {
    return em.createQuery(
            "SELECT b FROM Backup b WHERE b.copyOfBackupId = :source AND b.repository.id = :repo"
                + " ORDER BY b.id DESC",
            Backup.class)
        .setParameter("source", sourceId)
        .setParameter("repo", repositoryId)
        .getResultList();
  }
}
