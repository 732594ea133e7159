package io.sendense.webapp.copy;

import io.sendense.persistence.lifecycle.RetentionAction;
import io.sendense.webapp.lifecycle.PointRemoval;
import io.sendense.webapp.lifecycle.RemovalRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/**
 * A copy rule's own retention on its target: restic's rules over the copies the rule made of one VM
 * (days in UTC), removed oldest first through the same merges as flow retention, so every copy that
 * stays remains readable. Deleted, held (DEFERRED) and failed copies are written to the retention
 * history of the flow whose point was copied, as flow retention does; the next copy by the rule
 * tries again. Runs on the lifecycle worker.
 */
@ApplicationScoped
public class CopyRetention {
  private static final Logger LOG = Logger.getLogger(CopyRetention.class.getName());

  @Inject PolicyRuns runs;
  @Inject PointRemoval removal;
  @Inject RemovalRecords records;

  /**
   * Applies the rule's retention to the VM's copies; returns how many were deleted.
   *
   * @param flowId the flow whose history records it, or null (then only the log and audit do)
   */
  public int apply(long ruleId, long vmId, Long flowId) {
    List<Long> doomed = runs.removableCopies(ruleId, vmId);
    int removed = 0;
    for (long id : doomed) {
      PointRemoval.Result r = removal.remove(id, "RETENTION", "retention", flowId);
      switch (r.outcome()) {
        case REMOVED -> removed++;
        case DEFERRED, ON_NODE -> records.note(flowId, id, RetentionAction.DEFERRED, r.detail());
        case FAILED -> records.note(flowId, id, RetentionAction.FAILED, r.detail());
      }
      if (r.outcome() != PointRemoval.Outcome.REMOVED) {
        LOG.info(
            () ->
                "Copy retention of rule "
                    + ruleId
                    + " kept copy "
                    + id
                    + " ("
                    + r.outcome()
                    + "): "
                    + r.detail());
      }
    }
    int n = removed;
    if (!doomed.isEmpty()) {
      LOG.info(() -> "Copy retention of rule " + ruleId + ": " + n + " of " + doomed.size());
    }
    return removed;
  }
}
