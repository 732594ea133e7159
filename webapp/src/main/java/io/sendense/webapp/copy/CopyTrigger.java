package io.sendense.webapp.copy;

import io.sendense.webapp.backup.BackupJobEnded;
import io.sendense.webapp.lifecycle.LifecycleWorker;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the copy rules when jobs end: a completed backup of a flow whose policy has copy rules
 * queues the copies that are due; a completed copy made by a rule applies the rule's retention to
 * that VM's copies in the target (on the lifecycle worker, like flow retention). Runs after the
 * ledger's transaction, on another thread: a failure here never fails the job.
 */
@ApplicationScoped
public class CopyTrigger {
  private static final Logger LOG = Logger.getLogger(CopyTrigger.class.getName());

  @Inject PolicyRuns runs;
  @Inject CopyRetention retention;
  @Inject LifecycleWorker worker;

  @Resource ManagedExecutorService executor;

  void onJobEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) BackupJobEnded event) {
    if (!event.succeeded()) {
      return;
    }
    executor.execute(() -> afterJob(event.jobId()));
  }

  private void afterJob(long jobId) {
    try {
      PolicyRuns.Outcome outcome = runs.afterJob(jobId);
      if (outcome.retentionRule() != null) {
        long rule = outcome.retentionRule();
        long vm = outcome.vmId();
        Long flow = outcome.flowId();
        worker.submit("copy-retention:" + rule + ":" + vm, () -> retention.apply(rule, vm, flow));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Copy rules after job " + jobId + " failed", e);
    }
  }
}
