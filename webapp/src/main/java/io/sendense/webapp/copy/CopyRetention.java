package io.sendense.webapp.copy;

import io.sendense.webapp.lifecycle.PointRemoval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/**
 * A copy rule's own retention on its target: restic's rules over the copies the rule made of one VM
 * (days in UTC), removed oldest first through the same merges as flow retention, so every copy that
 * stays remains readable. Held or immutable copies stay and are logged; the next copy by the rule
 * tries again. Runs on the lifecycle worker.
 */
@ApplicationScoped
public class CopyRetention {
  private static final Logger LOG = Logger.getLogger(CopyRetention.class.getName());

  @Inject PolicyRuns runs;
  @Inject PointRemoval removal;

  /** Applies the rule's retention to the VM's copies; returns how many were deleted. */
  public int apply(long ruleId, long vmId) {
    List<Long> doomed = runs.removableCopies(ruleId, vmId);
    int removed = 0;
    for (long id : doomed) {
      PointRemoval.Result r = removal.remove(id, "RETENTION", "retention", null);
      if (r.outcome() == PointRemoval.Outcome.REMOVED) {
        removed++;
      } else {
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
