package io.sendense.webapp.lifecycle;

import io.sendense.image.qcow2.BackingFile;
import io.sendense.image.qcow2.ImageCommit;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.ImageStore;
import io.sendense.persistence.backup.VerificationStatus;
import io.sendense.persistence.lifecycle.MergeKind;
import io.sendense.persistence.lifecycle.MergeState;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.immutability.PointLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes a restore point out of its chains so that every other point stays readable: per disk, an
 * image no point is built on is deleted; otherwise the next point's clusters are committed into it
 * ({@link ImageCommit}), the points above are re-pointed to it ({@link BackingFile#rebase}), the
 * catalog switches the next point to that file, and the next point's old file is deleted last.
 * Every step is journaled ({@link MergeJournal}) before the next, and {@link #resume} rolls an
 * interrupted removal forward. Runs on the caller's thread while holding the VM's chains in the
 * repository ({@link ChainGuard}).
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

  /** Test hook: a stage of {@link ImageCommit.Stage} at which merges wait until the hub stops. */
  @Inject
  @ConfigProperty(name = "sendense.test.merge-pause")
  Optional<String> pauseAt;

  /** How a removal ended. */
  public enum Outcome {
    REMOVED,
    DEFERRED,
    FAILED
  }

  public record Result(Outcome outcome, String detail) {}

  /** Removes one point now, or says why not (deferred: something holds it; failed: an error). */
  public Result remove(long backupId, String reason, String requestedBy, Long flowId) {
    long[] chain;
    try {
      chain = journal.chainOf(backupId);
    } catch (Refusal e) {
      return new Result(Outcome.DEFERRED, e.getMessage());
    }
    Optional<String> away = waitsForNode(chain[1]);
    if (away.isPresent()) {
      return new Result(Outcome.DEFERRED, away.get());
    }
    Optional<String> held =
        guard.tryHold(
            chain[0],
            chain[1],
            "restore points of this VM are being merged",
            () -> obstacles.runningJob(chain[0], chain[1]));
    if (held.isPresent()) {
      return new Result(Outcome.DEFERRED, held.get());
    }
    try {
      List<MergeJournal.Step> steps;
      try {
        steps = journal.plan(backupId, reason, requestedBy, flowId);
      } catch (Refusal e) {
        return new Result(Outcome.DEFERRED, e.getMessage());
      }
      return run(backupId, chain[1], steps);
    } finally {
      guard.release(chain[0], chain[1]);
    }
  }

  /** Rolls an interrupted removal forward (the caller holds its chains). */
  public Result resume(long backupId, long repositoryId, List<MergeJournal.Step> steps) {
    Optional<String> away = waitsForNode(repositoryId);
    if (away.isPresent()) {
      return new Result(Outcome.DEFERRED, away.get());
    }
    return run(backupId, repositoryId, steps);
  }

  /**
   * Why a removal in this repository waits: the repository is placed on a node, which the hub does
   * not open (merges and deletions there do not run on the hub yet); empty when the hub reaches it.
   * Nothing is planned or journalled, so the point stays as it is, and retention notes it DEFERRED.
   */
  private Optional<String> waitsForNode(long repositoryId) {
    try {
      manifests.requireReachable(repositoryId);
      return Optional.empty();
    } catch (RepositoryUnreachable e) {
      return Optional.of(
          "Waits for node '"
              + e.nodeName()
              + "': "
              + e.reason()
              + "; merges and deletions there do not run on the hub");
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
      return run(backupId, steps, root);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Closing the repository of backup " + backupId + " failed", e);
      return new Result(Outcome.FAILED, e.getMessage());
    }
  }

  private Result run(long backupId, List<MergeJournal.Step> steps, ImageStore root) {
    boolean fresh = steps.stream().allMatch(s -> s.state() == MergeState.PLANNED);
    try {
      for (MergeJournal.Step step : steps) {
        if (fresh && step.kind() == MergeKind.COMMIT) {
          precheck(step, root);
        }
      }
      if (fresh) {
        release(backupId, steps);
      }
    } catch (Damaged e) {
      return refuseDamaged(backupId, steps, e);
    } catch (IOException | RuntimeException e) {
      steps.forEach(s -> journal.failed(s.id(), e.getMessage()));
      return new Result(Outcome.FAILED, e.getMessage());
    }
    for (MergeJournal.Step step : steps) {
      try {
        runStep(step, root);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "Merge " + step.id() + " of backup " + backupId + " failed", e);
        journal.failed(step.id(), e.getMessage());
        return new Result(Outcome.FAILED, e.getMessage());
      }
    }
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
  private void release(long backupId, List<MergeJournal.Step> steps) throws IOException {
    List<Long> children = new java.util.ArrayList<>();
    List<String> repoint = new java.util.ArrayList<>();
    for (MergeJournal.Step s : steps) {
      if (s.childBackupId() != null) {
        children.add(s.childBackupId());
      }
      repoint.addAll(s.repointFiles());
    }
    locks.releaseForRemoval(backupId, steps.get(0).repositoryId(), children, repoint);
  }

  /** Rolls the untouched removal back and marks the damaged point (and what is built on it). */
  private Result refuseDamaged(long backupId, List<MergeJournal.Step> steps, Damaged e) {
    String why = "not merged: " + e.getMessage();
    for (MergeJournal.Step s : steps) {
      if (s.state() == MergeState.PLANNED) {
        journal.rollBack(s.id(), why);
      }
    }
    if (e.owner != null) {
      verification.verdict(
          e.owner,
          e.result.status() == ImageVerifier.Status.MISSING
              ? VerificationStatus.MISSING
              : VerificationStatus.CORRUPT,
          e.getMessage(),
          clock.instant());
    }
    LOG.warning(() -> "Removal of backup " + backupId + " refused: " + why);
    return new Result(Outcome.FAILED, why);
  }

  private void runStep(MergeJournal.Step s, ImageStore root) throws IOException {
    String doomed = s.doomedFile();
    if (s.kind() == MergeKind.DROP) {
      if (s.state().compareTo(MergeState.SWITCHED) < 0) {
        journal.switchCatalog(s.id());
      }
      root.deleteIfExists(doomed);
      root.deleteIfExists(Qcow2Writer.partialName(doomed));
      return;
    }
    String child = s.childFile();
    if (s.state() == MergeState.PLANNED) {
      journal.advance(s.id(), MergeState.WRITING);
    }
    if (s.state().compareTo(MergeState.WRITING) <= 0) {
      long started = System.nanoTime();
      ImageCommit.Result r = ImageCommit.commit(root, child, doomed, stage -> pause(s, stage));
      journal.moved(s.id(), r.dataBytes(), (System.nanoTime() - started) / 1_000_000);
    }
    if (s.state().compareTo(MergeState.REPOINTED) < 0) {
      for (String f : s.repointFiles()) {
        BackingFile.rebase(root, f, doomed);
      }
      journal.advance(s.id(), MergeState.REPOINTED);
    }
    if (s.state().compareTo(MergeState.SWITCHED) < 0) {
      journal.switchCatalog(s.id());
    }
    root.deleteIfExists(child);
    root.syncFolder(io.sendense.image.store.ImageNames.parent(child));
    journal.facts(s.repositoryId(), s.doomedFile(), ImageFacts.read(root, doomed));
    for (String f : s.repointFiles()) {
      journal.facts(s.repositoryId(), f, ImageFacts.read(root, f));
    }
  }

  /**
   * Before the first write of any disk, checks both images of each merge against their recorded
   * SHA-256 and structure: the merged image's hash is recorded anew afterwards, so damage that
   * crept in since the last verification would otherwise be carried over and then pass as sound. A
   * damaged image stops the whole removal before anything is written.
   */
  private void precheck(MergeJournal.Step s, ImageStore root) throws IOException {
    // Images whose hash is pending are hashed first (or their hash in progress awaited): the merge
    // compares with recorded hashes, and no hasher may read an image while the merge rewrites it.
    hasher.ensureHashed(s.repositoryId(), s.doomedFile());
    hasher.ensureHashed(s.repositoryId(), s.childFile());
    for (String f : s.repointFiles()) {
      hasher.ensureHashed(s.repositoryId(), f);
    }
    check(s, root, s.doomedFile(), s.backupId());
    check(s, root, s.childFile(), s.childBackupId());
  }

  private void check(MergeJournal.Step s, ImageStore root, String file, Long owner)
      throws IOException {
    ImageVerifier.Result r =
        ImageVerifier.verify(root, file, journal.expected(s.repositoryId(), file).orElse(null));
    if (r.status() != ImageVerifier.Status.OK) {
      throw new Damaged(owner, r);
    }
  }

  /** An image found damaged before a merge touched anything. */
  private static final class Damaged extends IOException {
    private static final long serialVersionUID = 1L;
    final Long owner;
    final transient ImageVerifier.Result result;

    Damaged(Long owner, ImageVerifier.Result result) {
      super(result.detail());
      this.owner = owner;
      this.result = result;
    }
  }

  /** The test hook: waits at the configured stage until the hub is stopped. */
  private void pause(MergeJournal.Step s, ImageCommit.Stage stage) throws IOException {
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
