package io.sendense.webapp.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Finishes the removals a previous run of the hub (or a failed step) left open, from the journal: a
 * point none of whose images was touched yet (every row PLANNED) is rolled back to COMPLETE; every
 * other is rolled forward to the end (in a repository placed on a node: handed to the node again,
 * which keeps the chains held until it reports the end). The chains involved are held first, so no
 * backup job or restore session starts on them meanwhile; other chains are released at once.
 */
@ApplicationScoped
public class MergeRecovery {
  private static final Logger LOG = Logger.getLogger(MergeRecovery.class.getName());

  @Inject MergeJournal journal;
  @Inject PointRemoval removal;
  @Inject ChainGuard guard;

  /** Rolls every open removal back or forward; returns how many points it handled. */
  public int recover() {
    Map<Long, List<MergeJournal.Step>> byPoint = new LinkedHashMap<>();
    for (MergeJournal.Step s : journal.unfinished()) {
      byPoint.computeIfAbsent(s.backupId(), k -> new ArrayList<>()).add(s);
    }
    byPoint.values().forEach(steps -> guard.holdForRecovery(vm(steps), repo(steps)));
    guard.recovered();
    for (Map.Entry<Long, List<MergeJournal.Step>> point : byPoint.entrySet()) {
      List<MergeJournal.Step> steps = point.getValue();
      boolean onNode = false;
      try {
        onNode = finish(point.getKey(), steps);
      } finally {
        if (!onNode) {
          guard.release(vm(steps), repo(steps));
        }
      }
    }
    return byPoint.size();
  }

  /** Whether the removal was handed to a node (which then holds the chains until it ends). */
  private boolean finish(long backupId, List<MergeJournal.Step> steps) {
    boolean untouched =
        steps.stream()
            .allMatch(s -> s.state() == io.sendense.persistence.lifecycle.MergeState.PLANNED);
    if (untouched) {
      steps.forEach(
          s -> journal.rollBack(s.id(), "rolled back: the hub stopped before the merge began"));
      LOG.info(() -> "Removal of backup " + backupId + " rolled back (nothing was written)");
      return false;
    }
    PointRemoval.Result r = removal.resume(backupId, repo(steps), steps);
    LOG.info(() -> "Removal of backup " + backupId + " rolled forward: " + r);
    return r.outcome() == PointRemoval.Outcome.ON_NODE;
  }

  private static long vm(List<MergeJournal.Step> steps) {
    return steps.get(0).vmId();
  }

  private static long repo(List<MergeJournal.Step> steps) {
    return steps.get(0).repositoryId();
  }
}
