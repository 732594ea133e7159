package io.sendense.webapp.notification;

import io.sendense.webapp.backup.BackupJobEnded;
import io.sendense.webapp.flow.FlowRunEnded;
import io.sendense.webapp.flow.FlowRunMissed;
import io.sendense.webapp.lifecycle.PointDamaged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hears what happens in the hub (once it is committed) and routes it to the outbox. A failure here
 * is logged and never reaches the flow, job or verification that reported it.
 */
@ApplicationScoped
public class NotificationTriggers {
  private static final Logger LOG = Logger.getLogger(NotificationTriggers.class.getName());

  @Inject NotificationFacts facts;
  @Inject NotificationRouter router;

  void onFlowRunEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) FlowRunEnded run) {
    safely(
        "flow run " + run.executionId(), () -> facts.flowRun(run.executionId()).map(router::route));
  }

  void onBackupJobEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) BackupJobEnded job) {
    if (job.flowExecutionId() == null && !job.succeeded() && !"STOPPED".equals(job.status())) {
      safely("backup job " + job.jobId(), () -> router.route(facts.manualBackupFailed(job)));
    }
  }

  void onMissed(@Observes(during = TransactionPhase.AFTER_SUCCESS) FlowRunMissed run) {
    safely("missed run of flow " + run.flowId(), () -> facts.missed(run).map(router::route));
  }

  void onDamaged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PointDamaged point) {
    safely("verification of point " + point.backupId(), () -> router.route(facts.damaged(point)));
  }

  private static void safely(String what, Supplier<?> work) {
    try {
      work.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not queue notifications for " + what, e);
    }
  }
}
