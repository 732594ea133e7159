package io.sendense.webapp.lifecycle;

import io.sendense.batch.lifecycle.RemovalJournal;
import io.sendense.batch.lifecycle.RemovalRun;
import io.sendense.batch.lifecycle.RemovalStep;
import io.sendense.image.qcow2.ImageCommit;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.image.store.ImageStore;
import io.sendense.persistence.backup.VerificationStatus;
import io.sendense.persistence.lifecycle.MergeState;
import io.sendense.persistence.lifecycle.RetentionAction;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.immutability.PointLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes a restore point out of its chains so that every other point stays readable: the file steps
 * ({@link RemovalRun}, shared with the nodes) run on the caller's thread against the hub's journal
 * ({@link MergeJournal}), while holding the VM's chains in the repository ({@link ChainGuard});
 * {@link #resume} rolls an interrupted removal forward. In a repository placed on a node the same
 * journal is planned here and the file steps are handed to that node, whose every transition the
 * hub records before the node goes on ({@code NodeLifecycle}); the chains stay held until it ends.
 */
@ApplicationScoped
public class PointRemoval {
  private static final Logger LOG = Logger.getLogger(PointRemoval.class.getName());

  @Inject Clock clock;
  @Inject MergeJournal journal;
  @Inject RemovalObstacles obstacles;
  @Inject RemovalRecords records;
  @Inject ChainGuard guard;
  @Inject ManifestService manifests;
  @Inject VerificationRecords verification;
  @Inject PointLocks locks;
  @Inject PointHasher hasher;
  @Inject Event<NodeLifecycleWork.Remove> onNode;

  /** Test hook: a stage of {@link ImageCommit.Stage} at which merges wait until the hub stops. */
  @Inject
  @ConfigProperty(name = "sendense.test.merge-pause")
  Optional<String> pauseAt;

  /** How a removal ended. */
  public enum Outcome {
    REMOVED,
    DEFERRED,
    FAILED,
    /** Handed to the node the repository is placed on; it runs there now. */
    ON_NODE
  }

  public record Result(Outcome outcome, String detail) {}

  /**
   * Removes one point now, or says why not (deferred: something holds it; failed: an error). In a
   * repository placed on a node, the journal is planned here and the file steps are handed to the
   * node (outcome {@link Outcome#ON_NODE}); the chains stay held until the node reports the end.
   */
  public Result remove(long backupId, String reason, String requestedBy, Long flowId) {
    long[] chain;
    try {
      chain = journal.chainOf(backupId);
    } catch (Refusal e) {
      return new Result(Outcome.DEFERRED, e.getMessage());
    }
    Optional<RepositoryUnreachable> node = placedOnNode(chain[1]);
    Optional<String> held =
        guard.tryHold(
            chain[0],
            chain[1],
            "restore points of this VM are being merged",
            () -> obstacles.runningJob(chain[0], chain[1]));
    if (held.isPresent()) {
      return new Result(Outcome.DEFERRED, held.get());
    }
    boolean handed = false;
    try {
      List<MergeJournal.Step> steps;
      try {
        steps = journal.plan(backupId, reason, requestedBy, flowId);
      } catch (Refusal e) {
        return new Result(Outcome.DEFERRED, e.getMessage());
      }
      if (node.isPresent()) {
        handed = true;
        return handToNode(backupId, chain, steps, flowId, node.get());
      }
      return run(backupId, chain[1], steps);
    } finally {
      if (!handed) {
        guard.release(chain[0], chain[1]);
      }
    }
  }

  /**
   * Rolls an interrupted removal forward (the caller holds its chains). In a repository placed on a
   * node the removal is handed to the node again ({@link Outcome#ON_NODE}): the caller then keeps
   * the chains held, until the node reports the end.
   */
  public Result resume(long backupId, long repositoryId, List<MergeJournal.Step> steps) {
    Optional<RepositoryUnreachable> node = placedOnNode(repositoryId);
    if (node.isPresent()) {
      return handToNode(
          backupId, new long[] {steps.get(0).vmId(), repositoryId}, steps, null, node.get());
    }
    return run(backupId, repositoryId, steps);
  }

  /** The node a repository is placed on (the hub does not open it), or empty. */
  private Optional<RepositoryUnreachable> placedOnNode(long repositoryId) {
    try {
      manifests.requireReachable(repositoryId);
      return Optional.empty();
    } catch (RepositoryUnreachable e) {
      return Optional.of(e);
    }
  }

  /**
   * Queues the file steps for the node ({@link NodeLifecycleWork.Remove}); the node's end calls
   * {@link #nodeEnded}, which releases the chains (so does a task the hub gives up).
   */
  private Result handToNode(
      long backupId,
      long[] chain,
      List<MergeJournal.Step> steps,
      Long flowId,
      RepositoryUnreachable node) {
    if (steps.stream().allMatch(s -> s.state() == MergeState.PLANNED)) {
      try {
        release(backupId, chain[1], steps.stream().map(s -> s.files(Map.of())).toList());
      } catch (IOException | RuntimeException e) {
        steps.forEach(s -> journal.failed(s.id(), e.getMessage()));
        guard.release(chain[0], chain[1]);
        return new Result(Outcome.FAILED, e.getMessage());
      }
    }
    onNode.fire(new NodeLifecycleWork.Remove(node.nodeId(), chain[1], chain[0], backupId, flowId));
    String detail = "Runs on node '" + node.nodeName() + "'";
    LOG.info(() -> "Removal of backup " + backupId + ": " + detail);
    return new Result(Outcome.ON_NODE, detail);
  }

  /**
   * The end a node reported for a removal it ran: when every step is switched, the point's row goes
   * and the changed points' manifests are rewritten (by the node); else the journal rows keep the
   * node's error and the next retention run or delete hands the removal again. Releases the chains
   * either way.
   */
  public Result nodeEnded(
      long backupId, long vmId, long repositoryId, Long flowId, RemovalRun.Result end) {
    try {
      if (end.end() != RemovalRun.End.SWITCHED) {
        Result r = new Result(Outcome.FAILED, "On the node: " + end.detail());
        if (flowId != null) {
          records.note(flowId, backupId, RetentionAction.FAILED, r.detail());
        }
        return r;
      }
      return finish(backupId);
    } finally {
      guard.release(vmId, repositoryId);
    }
  }

  private Result run(long backupId, long repositoryId, List<MergeJournal.Step> steps) {
    ImageStore root;
    try {
      root = manifests.open(repositoryId);
    } catch (RuntimeException e) {
      steps.forEach(s -> journal.failed(s.id(), e.getMessage()));
      return new Result(Outcome.FAILED, e.getMessage());
    }
    try (root) {
      RemovalRun.Result r =
          RemovalRun.run(
              root,
              steps.stream().map(s -> s.files(Map.of())).toList(),
              new HubJournal(backupId, repositoryId));
      return switch (r.end()) {
        case SWITCHED -> finish(backupId);
        case FAILED, REFUSED -> new Result(Outcome.FAILED, r.detail());
      };
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Closing the repository of backup " + backupId + " failed", e);
      return new Result(Outcome.FAILED, e.getMessage());
    }
  }

  /** The catalog end of a removal whose file steps are done. */
  private Result finish(long backupId) {
    try {
      Optional<List<Long>> touched = journal.switched(backupId);
      if (touched.isEmpty()) {
        return new Result(Outcome.FAILED, "not every disk of backup " + backupId + " merged");
      }
      records.rewriteManifests(touched.get());
      Optional<RemovalRecords.Removed> removed = records.finish(backupId);
      LOG.info(() -> "Restore point " + backupId + " removed: " + removed.orElse(null));
      return new Result(Outcome.REMOVED, "");
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Removal of backup " + backupId + " did not finish", e);
      return new Result(Outcome.FAILED, e.getMessage());
    }
  }

  /** Gives files left protected by locks that have ended back to the hub before the merge. */
  private void release(long backupId, long repositoryId, List<RemovalStep> steps)
      throws IOException {
    List<Long> children = new java.util.ArrayList<>();
    List<String> repoint = new java.util.ArrayList<>();
    for (RemovalStep s : steps) {
      if (s.childBackupId() != null) {
        children.add(s.childBackupId());
      }
      repoint.addAll(s.repointFiles());
    }
    locks.releaseForRemoval(backupId, repositoryId, children, repoint);
  }

  /** The hub's journal for the file steps on a repository it opens. */
  private final class HubJournal implements RemovalJournal {
    private final long backupId;
    private final long repositoryId;

    HubJournal(long backupId, long repositoryId) {
      this.backupId = backupId;
      this.repositoryId = repositoryId;
    }

    @Override
    public Optional<ImageFacts> expected(RemovalStep step, String file) {
      return journal.expected(repositoryId, file);
    }

    @Override
    public void beforeCheck(RemovalStep s) throws IOException {
      // Images whose hash is pending are hashed first (or their hash in progress awaited): the
      // merge compares with recorded hashes, and no hasher may read an image while the merge
      // rewrites it.
      hasher.ensureHashed(repositoryId, s.doomedFile());
      hasher.ensureHashed(repositoryId, s.childFile());
      for (String f : s.repointFiles()) {
        hasher.ensureHashed(repositoryId, f);
      }
    }

    @Override
    public void checked(List<RemovalStep> steps) throws IOException {
      release(backupId, repositoryId, steps);
    }

    @Override
    public void advance(long stepId, RemovalStep.State state) {
      journal.advance(stepId, MergeState.valueOf(state.name()));
    }

    @Override
    public void moved(long stepId, long bytes, long millis) {
      journal.moved(stepId, bytes, millis);
    }

    @Override
    public void switchCatalog(long stepId) {
      journal.switchCatalog(stepId);
    }

    @Override
    public void facts(RemovalStep step, String file, ImageFacts facts) {
      journal.facts(repositoryId, file, facts);
    }

    @Override
    public void failed(long stepId, String error) {
      journal.failed(stepId, error);
    }

    @Override
    public void rollBack(long stepId, String why) {
      journal.rollBack(stepId, why);
    }

    @Override
    public void damaged(RemovalStep step, long owner, ImageVerifier.Result result) {
      markDamaged(owner, result);
      LOG.warning(() -> "Removal of backup " + backupId + " refused: " + result.detail());
    }

    @Override
    public void reached(RemovalStep step, ImageCommit.Stage stage) throws IOException {
      pause(step, stage);
    }
  }

  /** Marks a point whose image a removal's check found damaged or missing. */
  public void markDamaged(long owner, ImageVerifier.Result result) {
    verification.verdict(
        owner,
        result.status() == ImageVerifier.Status.MISSING
            ? VerificationStatus.MISSING
            : VerificationStatus.CORRUPT,
        result.detail(),
        clock.instant());
  }

  /** The test hook: waits at the configured stage until the hub is stopped. */
  private void pause(RemovalStep s, ImageCommit.Stage stage) throws IOException {
    if (!pauseAt.map(stage.name()::equals).orElse(false)) {
      return;
    }
    journal.note(s.id(), "paused at " + stage + " by sendense.test.merge-pause");
    LOG.warning(() -> "Merge " + s.id() + " paused at " + stage + " (test hook)");
    try {
      while (true) {
        Thread.sleep(60_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("merge interrupted while paused by the test hook", e);
    }
  }
}
