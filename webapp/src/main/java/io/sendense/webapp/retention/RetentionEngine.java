package io.sendense.webapp.retention;

import io.sendense.persistence.lifecycle.RetentionAction;
import io.sendense.webapp.lifecycle.PointRemoval;
import io.sendense.webapp.lifecycle.RemovalRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/**
 * Applies a flow's retention rules: plans per VM ({@link RetentionPlanner}) and removes the points
 * no rule keeps, oldest first, each merged out of its chain ({@link PointRemoval}). A point held by
 * a restore session, a lock, a running job or a verification stays and is noted DEFERRED in the
 * flow's history; the next run or the daily sweep tries again. Runs on the lifecycle worker.
 */
@ApplicationScoped
public class RetentionEngine {
  private static final Logger LOG = Logger.getLogger(RetentionEngine.class.getName());

  @Inject RetentionPlans plans;
  @Inject PointRemoval removal;
  @Inject RemovalRecords records;

  /** Applies the rules of one flow; returns how many points were deleted. */
  public int apply(long flowId) {
    List<Long> doomed = plans.removable(flowId);
    int removed = 0;
    for (long backupId : doomed) {
      PointRemoval.Result r = removal.remove(backupId, "RETENTION", "retention", flowId);
      switch (r.outcome()) {
        case REMOVED -> removed++;
        case DEFERRED, ON_NODE ->
            records.note(flowId, backupId, RetentionAction.DEFERRED, r.detail());
        case FAILED -> records.note(flowId, backupId, RetentionAction.FAILED, r.detail());
      }
    }
    int n = removed;
    if (!doomed.isEmpty()) {
      LOG.info(
          () -> "Retention of flow " + flowId + ": " + n + " of " + doomed.size() + " deleted");
    }
    return removed;
  }
}
