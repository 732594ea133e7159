package io.sendense.persistence.backup;

import io.sendense.persistence.common.Keyset;
import io.sendense.persistence.common.ReadHints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Backup jobs: the queue, the running ones, and the history the console filters. */
@ApplicationScoped
public class BackupJobStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected BackupJobStore() {}

  public BackupJobStore(EntityManager em) {
    this.em = em;
  }

  /** What the console filters on; null fields do not filter. */
  public record Filter(
      BackupJobStatus status,
      String vmName,
      Long vmId,
      Long flowId,
      Long flowExecutionId,
      Instant from,
      Instant to,
      int limit) {
    /** The same filter with another page size. */
    public Filter withLimit(int limit) {
      return new Filter(status, vmName, vmId, flowId, flowExecutionId, from, to, limit);
    }
  }

  public Optional<BackupJob> byId(long id) {
    return Optional.ofNullable(em.find(BackupJob.class, id));
  }

  public BackupJob save(BackupJob job) {
    if (job.getId() == null) {
      em.persist(job);
      em.flush();
      return job;
    }
    return em.merge(job);
  }

  /** Jobs in any of {@code statuses}, oldest first (the queue order). */
  public List<BackupJob> inStatus(Collection<BackupJobStatus> statuses) {
    return em.createNamedQuery("BackupJob.byStatus", BackupJob.class)
        .setParameter("statuses", statuses)
        .getResultList();
  }

  /** Jobs handed to (or queued for) {@code node} in any of {@code statuses}, oldest first. */
  public List<BackupJob> onNode(
      io.sendense.persistence.node.Node node, Collection<BackupJobStatus> statuses) {
    return em.createNamedQuery("BackupJob.onNode", BackupJob.class)
        .setParameter("node", node)
        .setParameter("statuses", statuses)
        .getResultList();
  }

  /**
   * Queued backup jobs placed on {@code node}, oldest first: their repository's node, else their
   * flow's, else their source's (the order of {@link io.sendense.persistence.node.Placement}).
   */
  public List<BackupJob> queuedForNode(io.sendense.persistence.node.Node node) {
    return em.createNamedQuery("BackupJob.queuedForNode", BackupJob.class)
        .setParameter("node", node)
        .getResultList();
  }

  /**
   * Notes that the job's node reported on it, without touching the row's version. Native SQL: a
   * JPQL bulk update of a versioned entity increments the version in EclipseLink, and the hub's own
   * change of the job (its backup linked, its end) read before the report then failed.
   */
  public void nodeContact(long jobId, Instant at) {
    em.createNativeQuery("UPDATE backup_jobs SET node_contact_at = ? WHERE id = ?")
        .setParameter(1, Timestamp.from(at))
        .setParameter(2, jobId)
        .executeUpdate();
  }

  /**
   * Keeps a node's report of {@code job}'s execution {@code jobExecutionId}, replacing the last.
   */
  public void nodeReport(BackupJob job, long jobExecutionId, String report) {
    em.createQuery(
            "UPDATE BackupJobExecution e SET e.nodeReport = :report"
                + " WHERE e.job = :job AND e.jobExecutionId = :execution")
        .setParameter("report", report)
        .setParameter("job", job)
        .setParameter("execution", jobExecutionId)
        .executeUpdate();
  }

  public Optional<BackupJob> byExecution(long jobExecutionId) {
    return em.createNamedQuery("BackupJob.byExecution", BackupJob.class)
        .setParameter("execution", jobExecutionId)
        .getResultStream()
        .findFirst();
  }

  public Optional<BackupJob> byInstance(long jobInstanceId) {
    return em.createNamedQuery("BackupJob.byInstance", BackupJob.class)
        .setParameter("instance", jobInstanceId)
        .getResultStream()
        .findFirst();
  }

  /**
   * Records that {@code job} runs as execution {@code jobExecutionId} of instance {@code
   * jobInstanceId}.
   */
  public void executionStarted(
      BackupJob job, long jobInstanceId, long jobExecutionId, Instant startedAt) {
    em.persist(new BackupJobExecution(job, jobInstanceId, jobExecutionId, startedAt));
  }

  /** Every batch execution the job ran, newest first (across job instances). */
  public List<BackupJobExecution> executionsOf(BackupJob job) {
    return em.createNamedQuery("BackupJobExecution.ofJob", BackupJobExecution.class)
        .setParameter("job", job)
        .getResultList();
  }

  /** The job that ran batch execution {@code jobExecutionId}, its latest or an earlier one. */
  public Optional<BackupJob> byAnyExecution(long jobExecutionId) {
    return em.createNamedQuery("BackupJobExecution.byExecution", BackupJobExecution.class)
        .setParameter("execution", jobExecutionId)
        .getResultStream()
        .findFirst()
        .map(BackupJobExecution::getJob);
  }

  /** Newest first. */
  public List<BackupJob> search(Filter filter) {
    return search(filter, 0);
  }

  /**
   * One page of jobs, newest first, with VM, repository, flow and backup loaded in the same query
   * and not tracked for changes (see {@link ReadHints}).
   */
  public List<BackupJob> search(Filter filter, int offset) {
    return search(filter, null, offset);
  }

  /** As {@link #search(Filter, int)}, from the job after {@code after} when it is given. */
  public List<BackupJob> search(Filter filter, Keyset after, int offset) {
    TypedQuery<Long> ids =
        where(
                filter,
                after,
                "SELECT j.id FROM BackupJob j",
                " ORDER BY j.queuedAt DESC, j.id DESC",
                Long.class)
            .setFirstResult(Math.max(0, offset))
            .setMaxResults(filter.limit() <= 0 ? 200 : filter.limit());
    return ReadHints.page(
        ids,
        em.createQuery("SELECT j FROM BackupJob j WHERE j.id IN :ids", BackupJob.class),
        BackupJob::getId,
        "j.vm",
        "j.repository",
        "j.flowExecution.flow",
        "j.backup");
  }

  /** How many jobs {@link #search(Filter, int)} pages through. */
  public long count(Filter filter) {
    return where(filter, null, "SELECT COUNT(j) FROM BackupJob j", "", Long.class)
        .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
        .setHint("jakarta.persistence.query.timeout", ReadHints.TIMEOUT_MS)
        .getSingleResult();
  }

  private <T> TypedQuery<T> where(
      Filter filter, Keyset after, String select, String order, Class<T> type) {
    StringBuilder jpql = new StringBuilder(select).append(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (after != null) {
      jpql.append(Keyset.below("j.queuedAt", "j.id"));
      params.put("keyAt", after.at());
      params.put("keyId", after.id());
    }
    condition(jpql, params, "j.status = :status", "status", filter.status());
    condition(
        jpql,
        params,
        "LOWER(j.vm.name) LIKE :vmName",
        "vmName",
        filter.vmName() == null || filter.vmName().isBlank()
            ? null
            : "%" + filter.vmName().strip().toLowerCase() + "%");
    condition(jpql, params, "j.vm.id = :vmId", "vmId", filter.vmId());
    condition(jpql, params, "j.flowExecution.flow.id = :flowId", "flowId", filter.flowId());
    condition(
        jpql, params, "j.flowExecution.id = :executionId", "executionId", filter.flowExecutionId());
    condition(jpql, params, "j.queuedAt >= :from", "from", filter.from());
    condition(jpql, params, "j.queuedAt < :to", "to", filter.to());
    jpql.append(order);
    TypedQuery<T> query = em.createQuery(jpql.toString(), type);
    params.forEach(query::setParameter);
    return query;
  }

  private static void condition(
      StringBuilder jpql, Map<String, Object> params, String clause, String name, Object value) {
    if (value != null) {
      jpql.append(" AND ").append(clause);
      params.put(name, value);
    }
  }

  /**
   * Clears the progress of a job whose new execution starts, so the console does not show the
   * previous execution's bytes; unversioned like {@link #progress}. Call it before reading the job
   * in the same transaction, so the managed copy holds the cleared values.
   */
  public void resetProgress(long jobId) {
    em.createNativeQuery(
            "UPDATE backup_jobs SET bytes_done = 0, bytes_total = 0, rate_bps = 0,"
                + " eta_seconds = NULL WHERE id = ?")
        .setParameter(1, jobId)
        .executeUpdate();
  }

  /**
   * Records progress of the running execution {@code jobExecutionId} without touching the row's
   * version (telemetry arrives from batch threads while the hub changes the status).
   */
  public void progress(
      long jobExecutionId,
      BackupJobPhase phase,
      long bytesDone,
      long bytesTotal,
      long rateBps,
      Long etaSeconds) {
    em.createNativeQuery(
            "UPDATE backup_jobs SET phase = ?, bytes_done = ?, bytes_total = ?, rate_bps = ?,"
                + " eta_seconds = ? WHERE job_execution_id = ?")
        .setParameter(1, phase.name())
        .setParameter(2, bytesDone)
        .setParameter(3, bytesTotal)
        .setParameter(4, rateBps)
        .setParameter(5, etaSeconds)
        .setParameter(6, jobExecutionId)
        .executeUpdate();
  }

  /**
   * Failed or stopped jobs of the same VM into the same repository that were queued before job
   * {@code newer} and ran at least once: what a completed newer backup makes pointless to restart.
   */
  public List<BackupJob> supersededBy(BackupJob newer) {
    return em.createQuery(
            "SELECT j FROM BackupJob j WHERE j.vm = :vm AND j.repository = :repository"
                + " AND j.id < :id AND j.jobExecutionId IS NOT NULL AND j.status IN :statuses"
                + " AND j.jobKind = :kind",
            BackupJob.class)
        .setParameter("kind", newer.getJobKind())
        .setParameter("vm", newer.getVm())
        .setParameter("repository", newer.getRepository())
        .setParameter("id", newer.getId())
        .setParameter("statuses", List.of(BackupJobStatus.FAILED, BackupJobStatus.STOPPED))
        .getResultList();
  }

  /** A backup job of the VM that is RUNNING into the repository now, if any (the oldest). */
  public Optional<BackupJob> runningJob(long vmId, long repositoryId) {
    return em.createQuery(
            "SELECT j FROM BackupJob j WHERE j.vm.id = :vm AND j.repository.id = :repo"
                + " AND j.status = :running ORDER BY j.id",
            BackupJob.class)
        .setParameter("vm", vmId)
        .setParameter("repo", repositoryId)
        .setParameter("running", BackupJobStatus.RUNNING)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /**
   * A FAILED or STOPPED job that wrote {@code backup} (the oldest): a restart would write on it
   * again, so what it is built on must stay.
   */
  public Optional<BackupJob> restartableJobOf(Backup backup) {
    return em.createQuery(
            "SELECT j FROM BackupJob j WHERE j.backup = :b AND j.status IN :statuses ORDER BY j.id",
            BackupJob.class)
        .setParameter("b", backup)
        .setParameter("statuses", List.of(BackupJobStatus.FAILED, BackupJobStatus.STOPPED))
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /** Jobs of one flow execution, oldest first. */
  public List<BackupJob> ofFlowExecution(io.sendense.persistence.flow.FlowExecution execution) {
    return new ArrayList<>(
        em.createNamedQuery("BackupJob.byFlowExecution", BackupJob.class)
            .setParameter("execution", execution)
            .getResultList());
  }
}
