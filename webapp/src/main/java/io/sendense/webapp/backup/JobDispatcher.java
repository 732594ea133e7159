package io.sendense.webapp.backup;

import io.sendense.webapp.config.HubSettings;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the queue: every two seconds (and right after a job is queued) it notes which batch
 * executions ended and starts queued jobs as the {@link JobLimits} allow. One instance, one thread
 * at a time; the batch runtime is called outside transactions. On its first run after the hub
 * started, executions an earlier hub process left running are marked failed ({@link BatchRepair}).
 */
@Singleton
@Startup
@DependsOn("HubBootstrap")
@Lock(LockType.WRITE)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobDispatcher {
  static final String JOB_NAME = "backup-vm";
  private static final Logger LOG = Logger.getLogger(JobDispatcher.class.getName());
  private static final Set<BatchStatus> ENDED =
      EnumSet.of(
          BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.ABANDONED);

  @Inject JobLedger ledger;
  @Inject BatchRepair repair;
  @Inject HubSettings settings;

  private boolean recovered;

  @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
  public void tick() {
    run();
  }

  /** Looks at the queue now, in the background. */
  @Asynchronous
  public void dispatchSoon() {
    run();
  }

  private void run() {
    try {
      JobOperator operator = BatchRuntime.getJobOperator();
      if (!recovered) {
        repair.failUnfinished();
        recovered = true;
      }
      reconcile(operator);
      dispatch(operator);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The backup job queue could not be processed; retrying", e);
    }
  }

  /** Records the end of every execution the runtime finished. */
  private void reconcile(JobOperator operator) {
    for (JobLedger.Running job : ledger.running()) {
      try {
        JobExecution execution = operator.getJobExecution(job.jobExecutionId());
        if (ENDED.contains(execution.getBatchStatus())) {
          ledger.ended(
              job.slot().jobId(), execution.getBatchStatus().name(), execution.getExitStatus());
        }
      } catch (NoSuchJobExecutionException e) {
        ledger.ended(job.slot().jobId(), "FAILED", "the batch runtime has no such execution");
      }
    }
  }

  private void dispatch(JobOperator operator) {
    List<JobLedger.Pending> queued = ledger.queued();
    if (queued.isEmpty()) {
      return;
    }
    List<JobLimits.Slot> running = new ArrayList<>();
    ledger.running().forEach(r -> running.add(r.slot()));
    Map<Long, String> plan =
        settings.jobLimits().plan(running, queued.stream().map(JobLedger.Pending::slot).toList());
    for (JobLedger.Pending job : queued) {
      String reason = plan.get(job.slot().jobId());
      if (reason != null) {
        ledger.waiting(job.slot().jobId(), reason);
      } else {
        start(operator, job);
      }
    }
  }

  private void start(JobOperator operator, JobLedger.Pending job) {
    long id = job.slot().jobId();
    try {
      Properties parameters = parameters(job);
      long execution =
          job.lastExecutionId() == null
              ? operator.start(JOB_NAME, parameters)
              : operator.restart(job.lastExecutionId(), parameters);
      ledger.started(id, execution, operator.getJobInstance(execution).getInstanceId());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Backup job " + id + " could not be started", e);
      ledger.notStarted(id, "The batch runtime refused to start the job: " + e.getMessage());
    }
  }

  private Properties parameters(JobLedger.Pending job) {
    Properties p = new Properties();
    p.setProperty("vmId", Long.toString(job.slot().vmId()));
    p.setProperty("repositoryId", Long.toString(job.slot().repositoryId()));
    p.setProperty("backupType", "full".equals(job.requestedType()) ? "full" : "incremental");
    p.setProperty("threads", Integer.toString(settings.disksInParallel()));
    p.setProperty("hubJobId", Long.toString(job.slot().jobId()));
    return p;
  }
}
