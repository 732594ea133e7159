package io.sendense.webapp.flow;

import io.sendense.persistence.flow.TriggerKind;
import io.sendense.webapp.backup.BackupService;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a flow: opens the execution (committed, so callers see it RUNNING at once), then starts one
 * backup job per target VM in the background. The backup engine queues jobs beyond its concurrency
 * limits; each job's end comes back as a {@code BackupJobEnded} event.
 */
@ApplicationScoped
public class FlowRunner {
  private static final Logger LOG = Logger.getLogger(FlowRunner.class.getName());

  @Inject ExecutionService executions;
  @Inject BackupService backups;

  @Resource ManagedExecutorService executor;

  /** Opens an execution and returns it while its jobs start; see {@link ExecutionService#open}. */
  public long run(long flowId, TriggerKind trigger, String user) {
    return launch(executions.open(flowId, trigger, user), user);
  }

  /**
   * Starts the jobs of an execution opened (and committed) elsewhere, as the scheduler does in the
   * transaction of its claim; returns the execution's id.
   */
  public long launch(ExecutionService.Opened opened, String user) {
    if (!opened.ended()) {
      executor.execute(() -> startJobs(opened.executionId(), opened.repositoryId(), user));
    }
    return opened.executionId();
  }

  void startJobs(long executionId, long repositoryId, String user) {
    for (long vmId : executions.pendingVms(executionId)) {
      try {
        long job = backups.start(vmId, repositoryId, executionId, "auto", user);
        executions.jobStarted(executionId, vmId, job);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Backup of VM " + vmId + " did not start", e);
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        executions.vmEnded(executionId, vmId, null, null, null, false, "Did not start: " + why);
      }
    }
  }
}
