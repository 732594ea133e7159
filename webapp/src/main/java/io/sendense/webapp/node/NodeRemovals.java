package io.sendense.webapp.node;

import io.sendense.batch.wire.PortJson;
import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.persistence.lifecycle.MergeKind;
import io.sendense.persistence.lifecycle.MergeState;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.lifecycle.MergeJournal;
import io.sendense.webapp.lifecycle.PointRemoval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;

/**
 * Records in the hub's journal ({@link MergeJournal}) the transitions of a removal a node runs in a
 * repository placed on it, each only from the state it follows, so a stale or repeated report never
 * moves a row back; on files and points of the step only.
 */
@ApplicationScoped
public class NodeRemovals {
  @Inject MergeJournal journal;
  @Inject PointRemoval removal;

  /**
   * Records one transition ({@code op}: advance, moved, switch, facts, failed, rollBack, damaged).
   *
   * @throws Refusal 403 for a step of another repository or a file or point not the step's; 409
   *     when the step's state does not allow the transition
   */
  public void record(long repositoryId, long stepId, String op, JsonObject body) {
    MergeJournal.Step s = journal.step(stepId);
    if (s.repositoryId() != repositoryId) {
      throw new Refusal(403, "Removal step " + stepId + " is not in repository " + repositoryId);
    }
    switch (op) {
      case "advance" -> {
        MergeState to = MergeState.valueOf(body.getString("state"));
        if (to == MergeState.WRITING) {
          require(s, op, EnumSet.of(MergeState.PLANNED, MergeState.WRITING));
        } else if (to == MergeState.REPOINTED) {
          require(s, op, EnumSet.of(MergeState.WRITTEN, MergeState.REPOINTED));
        } else {
          throw new Refusal(400, "A removal step does not advance to " + to + " this way");
        }
        journal.advance(stepId, to);
      }
      case "moved" -> {
        require(s, op, EnumSet.of(MergeState.WRITING));
        journal.moved(
            stepId,
            body.getJsonNumber("bytes").longValue(),
            body.getJsonNumber("millis").longValue());
      }
      case "switch" -> {
        require(
            s,
            op,
            s.kind() == MergeKind.DROP
                ? EnumSet.of(MergeState.PLANNED, MergeState.SWITCHED)
                : EnumSet.of(MergeState.REPOINTED, MergeState.SWITCHED));
        journal.switchCatalog(stepId);
      }
      case "facts" -> {
        require(s, op, EnumSet.of(MergeState.SWITCHED));
        String file = body.getString("file");
        if (!file.equals(s.doomedFile()) && !s.repointFiles().contains(file)) {
          throw new Refusal(403, "Removal step " + stepId + " did not change " + file);
        }
        journal.facts(repositoryId, file, PortJson.facts(body.getJsonObject("facts")));
      }
      case "failed" -> {
        require(s, op, EnumSet.complementOf(EnumSet.of(MergeState.DONE, MergeState.ROLLED_BACK)));
        journal.failed(stepId, "on the node: " + body.getString("detail", ""));
      }
      case "rollBack" -> {
        require(s, op, EnumSet.of(MergeState.PLANNED));
        journal.rollBack(stepId, body.getString("detail", ""));
      }
      case "damaged" -> {
        require(s, op, EnumSet.of(MergeState.ROLLED_BACK));
        long owner = body.getJsonNumber("owner").longValue();
        if (owner != s.backupId() && !Long.valueOf(owner).equals(s.childBackupId())) {
          throw new Refusal(403, "Point " + owner + " is not one removal step " + stepId + " read");
        }
        removal.markDamaged(
            owner,
            new ImageVerifier.Result(
                body.getString("file", ""),
                ImageVerifier.Status.valueOf(body.getString("status")),
                body.getString("detail", ""),
                null));
      }
      default -> throw new Refusal(400, "Unknown removal transition '" + op + "'");
    }
  }

  /** Refuses a transition from a state it does not follow. */
  static void require(MergeJournal.Step s, String op, Set<MergeState> from) {
    if (!from.contains(s.state())) {
      throw new Refusal(
          409, "Removal step " + s.id() + " is " + s.state() + "; '" + op + "' does not follow");
    }
  }
}
