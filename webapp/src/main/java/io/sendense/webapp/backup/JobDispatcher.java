package io.sendense.webapp.backup;

import io.sendense.persistence.backup.JobKind;
import io.sendense.webapp.bootstrap.HubBootstrap;
import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.lifecycle.ChainGuard;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the queue: every two seconds (every second while backups run, a quarter second while
 * whole-VM restores run; every 20 ms for a moment after a backup's last step ended, {@link
 * #jobEnding}, so that its end is recorded and the next one started at once; and right after a job
 * is queued) it notes which batch executions ended and starts queued jobs as the {@link JobLimits}
 * allow. All passes run on one long-running managed thread, outside any transaction (the batch
 * runtime opens its own). On its first pass after the hub started, jobs the ledger shows running
 * were interrupted by the end of the earlier hub process: they are marked failed and, unless {@code
 * sendense.jobs.resume-after-crash} is off, queued once to resume ({@link JobLedger#hubStopped}).
 * Every (re)start of a job is a new batch job instance; one that continues an unfinished backup
 * gets its id ({@code resumeBackupId}) and the job continues from each disk's committed offset kept
 * in the catalog, so nothing in the runtime's own tables has to be repaired or restarted. Passes
 * begin once {@link HubBootstrap} migrated the catalog. The ticks are scheduled from the web
 * module's start, not from an EJB: the batch runtime inherits the scheduling thread's component
 * context, and an EJB's context forbids the transactions it needs.
 *
 * <p>Jobs are started through a contextual proxy of the job operator whose context is captured
 * once, at the web module's start, and which no transactional bean ever runs in. The dispatcher's
 * own thread calls many {@code @Transactional} beans, and GlassFish's transactional interceptor
 * keeps the caller's "may use UserTransaction" state in a field of the interceptor that every
 * thread using the same bean shares: a nested call on another thread at the same moment can leave
 * the dispatcher's context forbidding UserTransaction, and every job started from it then fails its
 * first chunk ("Operation not allowed", CI of 9b3079d). The batch ports the jobs call are
 * {@code @Dependent} for the same reason (see {@link HubCatalogPort}).
 */
@ApplicationScoped
public class JobDispatcher {
  static final String JOB_NAME = "backup-vm";
  static final String COPY_JOB_NAME = "copy-backup";
  private static final Logger LOG = Logger.getLogger(JobDispatcher.class.getName());
  private static final Set<BatchStatus> ENDED =
      EnumSet.of(
          BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.ABANDONED);

  @Inject JobLedger ledger;
  @Inject HubSettings settings;
  @Inject HubBootstrap bootstrap;
  @Inject SupersededJobs superseded;
  @Inject DispatcherPass restores;
  @Inject ChainGuard guard;

  @Resource ManagedExecutorService executor;
  @Resource ContextService contexts;

  private static final long IDLE_TICK_MILLIS = 2000;
  private static final long RESTORING_TICK_MILLIS = 250;
  private static final long BACKING_UP_TICK_MILLIS = 1000;
  private static final long ENDING_TICK_MILLIS = 20;
  private static final long ENDING_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(3);

  private final Semaphore wake = new Semaphore(0);
  private volatile boolean stopped;
  private volatile long busyTick;
  private volatile boolean recovered;
  private volatile long endingUntil;
  private Future<?> loop;
  private volatile JobOperator operator;

  /** Runs passes on one long-running thread until the application stops. */
  synchronized void start() {
    if (loop == null) {
      operator = contexts.createContextualProxy(BatchRuntime.getJobOperator(), JobOperator.class);
      loop = executor.submit(this::loop);
    }
  }

  @PreDestroy
  synchronized void stop() {
    stopped = true;
    wake.release();
    if (loop != null) {
      loop.cancel(true);
    }
  }

  /**
   * Asks for a pass now instead of at the next tick. The pass runs on the dispatcher's own thread:
   * a job started from the caller's thread (often inside a {@code @Transactional} method) would
   * inherit a context in which its chunk transactions are not allowed.
   */
  public void dispatchSoon() {
    wake.release();
  }

  /**
   * A job's last step ended (its telemetry said COMPLETE or FAILED): the batch runtime marks the
   * execution ended a moment later, so passes run every 20 ms for up to 3 s to record the end and
   * start the next queued job at once, instead of at the next quarter-second tick.
   */
  public void jobEnding() {
    endingUntil = System.nanoTime() + ENDING_WINDOW_NANOS;
    wake.release();
  }

  private long tick() {
    if (endingUntil != 0 && System.nanoTime() - endingUntil < 0) {
      return ENDING_TICK_MILLIS;
    }
    return busyTick != 0 ? busyTick : IDLE_TICK_MILLIS;
  }

  private void loop() {
    LOG.info("Backup job dispatcher started");
    while (!stopped) {
      try {
        wake.tryAcquire(tick(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      run();
    }
  }

  /** Starts the dispatcher with the web module, whose component context the jobs inherit. */
  @WebListener
  public static class Starter implements ServletContextListener {
    @Inject JobDispatcher dispatcher;

    @Override
    public void contextInitialized(ServletContextEvent event) {
      dispatcher.start();
    }
  }

  private void run() {
    if (!bootstrap.ready()) {
      return;
    }
    try {
      if (!recovered) {
        List<Long> resumed = ledger.hubStopped(settings.resumeAfterCrash());
        if (!resumed.isEmpty()) {
          LOG.warning(() -> "Resuming backup jobs interrupted when the hub stopped: " + resumed);
        }
        recovered = true;
      }
      reconcile(operator);
      dispatch(operator);
      boolean restoring = restores.pass(operator);
      busyTick =
          restoring
              ? RESTORING_TICK_MILLIS
              : ledger.running().isEmpty() ? 0 : BACKING_UP_TICK_MILLIS;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The backup job queue could not be processed; retrying", e);
    }
  }

  /** Records the end of every execution the runtime finished. */
  private void reconcile(JobOperator operator) {
    for (JobLedger.Running job : ledger.running()) {
      try {
        JobExecution execution = operator.getJobExecution(job.jobExecutionId());
        if (!ENDED.contains(execution.getBatchStatus())) {
          continue;
        }
        endingUntil = 0;
        if (ledger.ended(
            job.slot().jobId(), execution.getBatchStatus().name(), execution.getExitStatus())) {
          superseded.abandonSuperseded(job.slot().jobId());
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
        limits().plan(running, queued.stream().map(JobLedger.Pending::slot).toList());
    for (JobLedger.Pending job : queued) {
      String reason = plan.get(job.slot().jobId());
      if (reason != null) {
        ledger.waiting(job.slot().jobId(), reason);
        continue;
      }
      guard
          .whenFree(job.slot().vmId(), job.slot().repositoryId(), () -> start(operator, job))
          .ifPresent(held -> ledger.waiting(job.slot().jobId(), "Waiting: " + held));
    }
  }

  /** How many backup jobs run at once: in the hub, per repository, per source. */
  private JobLimits limits() {
    return new JobLimits(
        settings.jobsMax(), settings.jobsPerRepository(), settings.jobsPerSource());
  }

  private void start(JobOperator operator, JobLedger.Pending job) {
    long id = job.slot().jobId();
    try {
      long execution =
          job.kind() == JobKind.COPY
              ? operator.start(COPY_JOB_NAME, copyParameters(job))
              : operator.start(JOB_NAME, parameters(job));
      ledger.started(id, execution, operator.getJobInstance(execution).getInstanceId());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Backup job " + id + " could not be started", e);
      ledger.notStarted(id, "The batch runtime refused to start the job: " + e.getMessage());
    }
  }

  private static Properties copyParameters(JobLedger.Pending job) {
    Properties p = new Properties();
    p.setProperty("sourceBackupId", Long.toString(job.copySourceBackupId()));
    p.setProperty("repositoryId", Long.toString(job.slot().repositoryId()));
    p.setProperty("mode", job.copyMode() == null ? "INCREMENTAL" : job.copyMode());
    p.setProperty("ruleId", job.copyRuleId() == null ? "" : Long.toString(job.copyRuleId()));
    p.setProperty("hubJobId", Long.toString(job.slot().jobId()));
    return p;
  }

  private Properties parameters(JobLedger.Pending job) {
    Properties p = new Properties();
    p.setProperty("vmId", Long.toString(job.slot().vmId()));
    p.setProperty("repositoryId", Long.toString(job.slot().repositoryId()));
    p.setProperty("backupType", "full".equals(job.requestedType()) ? "full" : "incremental");
    p.setProperty("threads", Integer.toString(settings.disksInParallel()));
    p.setProperty("blockSize", Integer.toString(settings.blockBytes()));
    p.setProperty("chunkItems", Integer.toString(settings.chunkItems()));
    p.setProperty("hubJobId", Long.toString(job.slot().jobId()));
    if (job.resumeBackupId() != null) {
      p.setProperty("resumeBackupId", Long.toString(job.resumeBackupId()));
    }
    return p;
  }
}
