package io.sendense.webapp.job;

import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobStatus;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.common.Keyset;
import io.sendense.webapp.common.Cursors;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.RecentCounts;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.vmrestore.VmRestoreQuery;
import io.sendense.webapp.vmrestore.VmRestoreService;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;

/** The job console's reads: backup jobs from the catalog, executions and steps from the runtime. */
@ApplicationScoped
@Transactional
public class JobService {
  @Inject BackupJobStore jobs;
  @Inject RecentCounts counts;
  @Inject VmRestoreService restores;
  @Inject io.sendense.webapp.node.NodeWaits waits;

  /**
   * How many rows the console lists for {@code query}: backup jobs and, unless a flow is asked for,
   * VM restores; two counts, read without a transaction.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public long consoleTotal(JobQuery query) {
    BackupJobStore.Filter filter = filter(query);
    return count(filter) + (restoresListed(filter) ? restores.count(restoreQuery(filter)) : 0);
  }

  /**
   * A page of what the console lists ({@link #consoleTotal}), newest first; read without a
   * transaction. The newest {@value Page#MAX_LIMIT} matching restores take part (restores are rare
   * beside backups), and only the backup jobs around the page are read, however deep it is.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<JobDto> consoleRows(JobQuery query, int offset, int limit) {
    BackupJobStore.Filter filter = filter(query);
    List<JobDto> restoreRows =
        restoresListed(filter)
            ? restores.list(restoreQuery(filter)).stream().map(RestoreRows::toJobDto).toList()
            : List.of();
    BackupJobStore.Filter window =
        filter(query.withLimit(ConsolePages.window(limit, restoreRows.size())));
    return ConsolePages.page(
        list(window, ConsolePages.start(offset, restoreRows.size())),
        restoreRows,
        offset,
        limit,
        Comparator.comparing(JobDto::queuedAt, Comparator.nullsLast(Comparator.reverseOrder())));
  }

  /** The store's filter for a query; an unknown status is refused with 400. */
  private static BackupJobStore.Filter filter(JobQuery q) {
    return new BackupJobStore.Filter(
        status(q.status()),
        q.vmName(),
        q.vmId(),
        q.flowId(),
        q.flowExecutionId(),
        q.from(),
        q.to(),
        q.limit());
  }

  private static boolean restoresListed(BackupJobStore.Filter filter) {
    return filter.flowId() == null && filter.flowExecutionId() == null && restoresMatch(filter);
  }

  private static VmRestoreQuery restoreQuery(BackupJobStore.Filter filter) {
    return new VmRestoreQuery(
        RestoreRows.status(filter.status()),
        filter.vmName(),
        filter.vmId(),
        filter.from(),
        filter.to(),
        Page.MAX_LIMIT);
  }

  private static boolean restoresMatch(BackupJobStore.Filter filter) {
    return filter.status() == null
        || RestoreRows.status(filter.status()).name().equals(filter.status().name());
  }

  private List<JobDto> list(BackupJobStore.Filter filter, int offset) {
    return jobs.search(filter, offset).stream().map(this::toDto).toList();
  }

  /**
   * A page of jobs from {@code offset}, with the total, read without a transaction; from the job
   * after {@code cursor} (a {@link Cursors} token of an earlier page) when it is given. A full page
   * carries the cursor of the next.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<JobDto> page(JobQuery query, String cursor, int offset) {
    BackupJobStore.Filter filter = filter(query);
    Keyset after = Cursors.parse(cursor);
    List<JobDto> items = jobs.search(filter, after, offset).stream().map(this::toDto).toList();
    return Cursors.page(
        items,
        after,
        offset,
        filter.limit(),
        () -> count(filter),
        j -> new Keyset(j.queuedAt(), j.id()));
  }

  /** How many backup jobs match, whatever the page size (a large total is kept a few seconds). */
  private long count(BackupJobStore.Filter filter) {
    BackupJobStore.Filter any = filter.withLimit(0);
    return counts.total(any, () -> jobs.count(any));
  }

  /** The job whose latest batch execution is {@code executionId}. */
  public JobDto byExecution(long executionId) {
    return toDto(jobOfExecution(executionId));
  }

  public JobDto get(long jobId) {
    return toDto(find(jobId));
  }

  /**
   * A job with all its batch executions (a resumed job runs as a new job instance, so they span
   * instances), newest first, with their steps.
   */
  public JobDetailDto detail(long jobId) {
    BackupJob job = find(jobId);
    return new JobDetailDto(
        toDto(job), JobExecutions.of(BatchRuntime.getJobOperator(), job, jobs.executionsOf(job)));
  }

  BackupJob jobOfExecution(long executionId) {
    return jobs.byAnyExecution(executionId)
        .or(() -> jobs.byExecution(executionId))
        .orElseThrow(() -> new Refusal(404, "No backup job ran as execution " + executionId));
  }

  BackupJob find(long jobId) {
    return jobs.byId(jobId).orElseThrow(() -> new Refusal(404, "No backup job with id " + jobId));
  }

  /**
   * A job as the console shows it, with where it runs: its node, or while it is queued the node it
   * is placed on and why it waits there.
   */
  JobDto toDto(BackupJob j) {
    var where = waits.of(j);
    var execution = j.getFlowExecution();
    return new JobDto(
        j.getId(),
        j.getJobKind() == io.sendense.persistence.backup.JobKind.COPY ? "copy-backup" : "backup-vm",
        j.getJobExecutionId(),
        j.getJobInstanceId(),
        j.getExecutions(),
        j.getVm().getId(),
        j.getVm().getName(),
        j.getRepository().getId(),
        j.getRepository().getName(),
        execution == null ? null : execution.getFlow().getId(),
        execution == null ? null : execution.getFlow().getName(),
        execution == null ? null : execution.getId(),
        j.getBackup() == null ? null : j.getBackup().getId(),
        j.getRequestedType(),
        j.getRequestedBy(),
        j.getStatus().name(),
        j.getPhase() == null ? null : j.getPhase().name(),
        where.waitReason(),
        j.getQueuedAt(),
        j.getStartedAt(),
        j.getEndedAt(),
        j.getBytesDone(),
        j.getBytesTotal(),
        j.getRateBps(),
        j.getEtaSeconds(),
        j.getErrorMessage(),
        j.getBackup() == null || j.getBackup().getChangeTracking() == null
            ? null
            : j.getBackup().getChangeTracking().name(),
        j.getBackup() == null ? null : j.getBackup().getFallbackReason(),
        where.nodeName());
  }

  /** Parses a status filter; blank means any. */
  public static BackupJobStatus status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return BackupJobStatus.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Refusal(
          400,
          "status must be one of "
              + java.util.Arrays.toString(BackupJobStatus.values())
              + ", not '"
              + value
              + "'");
    }
  }
}
