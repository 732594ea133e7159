package io.sendense.webapp.vmrestore;

import io.sendense.webapp.backup.DispatcherPass;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the restore queue on the backup dispatcher's thread (jobs must start from its component
 * context): records the end of executions, and starts queued restores, at most {@code
 * sendense.restores.max} at once. Every (re)start of a restore is a new {@code restore-vm} job
 * instance with the restore's id; the job goes on from what the catalog recorded. On its first pass
 * it puts back in the queue the restores an earlier hub process was running.
 */
@ApplicationScoped
public class VmRestoreDispatcher implements DispatcherPass {
  static final String JOB_NAME = "restore-vm";
  private static final Logger LOG = Logger.getLogger(VmRestoreDispatcher.class.getName());
  private static final Set<BatchStatus> ENDED =
      EnumSet.of(
          BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.ABANDONED);

  @Inject VmRestoreLedger ledger;
  @Inject VmRestoreSettings settings;

  private volatile boolean recovered;

  /** One pass; returns whether restores are queued or running (the caller then ticks faster). */
  @Override
  public boolean pass(JobOperator operator) {
    if (!recovered) {
      int resumed = ledger.requeueInterrupted();
      if (resumed > 0) {
        LOG.info(() -> resumed + " VM restore(s) interrupted by a hub stop are queued to resume");
      }
      recovered = true;
    }
    reconcile(operator);
    List<VmRestoreLedger.Running> running = ledger.running();
    List<Long> queued = ledger.queued();
    int free = settings.max() - running.size();
    for (int i = 0; i < Math.min(free, queued.size()); i++) {
      start(operator, queued.get(i));
    }
    return !running.isEmpty() || !queued.isEmpty();
  }

  private void reconcile(JobOperator operator) {
    for (VmRestoreLedger.Running r : ledger.running()) {
      try {
        JobExecution execution = operator.getJobExecution(r.jobExecutionId());
        if (ENDED.contains(execution.getBatchStatus())) {
          ledger.ended(r.id(), execution.getBatchStatus().name(), execution.getExitStatus());
        }
      } catch (NoSuchJobExecutionException e) {
        ledger.ended(r.id(), "FAILED", "The batch runtime has no such execution");
      }
    }
  }

  private void start(JobOperator operator, long id) {
    try {
      Properties p = new Properties();
      p.setProperty("restoreId", Long.toString(id));
      p.setProperty("threads", Integer.toString(settings.disksInParallel()));
      ledger.starting(id);
      long execution = operator.start(JOB_NAME, p);
      ledger.started(id, execution, operator.getJobInstance(execution).getInstanceId());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "VM restore " + id + " could not be started", e);
      ledger.notStarted(id, "The batch runtime refused to start the restore: " + e.getMessage());
    }
  }
}
