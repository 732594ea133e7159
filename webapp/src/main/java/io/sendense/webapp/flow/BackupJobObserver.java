package io.sendense.webapp.flow;

import io.sendense.webapp.backup.BackupJobEnded;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hears backup jobs end and rolls them up into their flow execution. The roll-up runs after the
 * engine's transaction and on another thread, so it never waits on the engine's row locks and a
 * failure here never fails the job.
 */
@ApplicationScoped
public class BackupJobObserver {
  private static final Logger LOG = Logger.getLogger(BackupJobObserver.class.getName());

  @Inject ExecutionService executions;

  @Resource ManagedExecutorService managed;
  Executor executor;

  void onJobEnded(@Observes(during = TransactionPhase.AFTER_COMPLETION) BackupJobEnded event) {
    if (event.flowExecutionId() == null) {
      return;
    }
    Executor target = executor != null ? executor : managed;
    target.execute(() -> rollUp(event));
  }

  void rollUp(BackupJobEnded event) {
    try {
      String error =
          event.succeeded()
              ? null
              : (event.error() != null ? event.error() : "Backup job " + event.status());
      executions.vmEnded(
          event.flowExecutionId(),
          event.vmId(),
          event.jobId(),
          event.jobExecutionId(),
          event.backupId(),
          event.succeeded(),
          error);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not roll up " + event, e);
    }
  }
}
