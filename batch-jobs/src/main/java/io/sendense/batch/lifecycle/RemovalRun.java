package io.sendense.batch.lifecycle;

import io.sendense.image.qcow2.BackingFile;
import io.sendense.image.qcow2.ImageCommit;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The file part of taking a restore point out of its chains, the same code on the hub and on a
 * node: per disk, an image no point is built on is deleted; otherwise the next point's clusters are
 * committed into it ({@link ImageCommit}), the points above are re-pointed to it ({@link
 * BackingFile#rebase}), the catalog switches the next point to that file, and the next point's old
 * file is deleted last. Each transition is recorded by the {@link RemovalJournal} before the next
 * file operation, and a run given steps already under way rolls them forward from their states.
 * Before the first write of a fresh removal, both images of each merge are checked against their
 * recorded SHA-256 and structure: the merged image's hash is recorded anew afterwards, so damage
 * that crept in since the last verification would otherwise be carried over and then pass as sound.
 * A damaged image stops the whole removal before anything is written.
 */
public final class RemovalRun {
  private static final Logger LOG = Logger.getLogger(RemovalRun.class.getName());

  private RemovalRun() {}

  /** How the file steps ended. */
  public enum End {
    /** Every step is switched in the catalog and its files are done: the point's row may go. */
    SWITCHED,
    /** A step failed; its row says where, and the next attempt rolls it forward. */
    FAILED,
    /** An image was found damaged before anything was written; the removal was rolled back. */
    REFUSED
  }

  public record Result(End end, String detail) {}

  /** Runs (or rolls forward) the steps of one point's removal on {@code root}. */
  public static Result run(ImageStore root, List<RemovalStep> steps, RemovalJournal journal) {
    boolean fresh = steps.stream().allMatch(s -> s.state() == RemovalStep.State.PLANNED);
    if (fresh) {
      try {
        for (RemovalStep step : steps) {
          if (step.kind() == RemovalStep.Kind.COMMIT) {
            precheck(step, root, journal);
          }
        }
        journal.checked(steps);
      } catch (Damaged e) {
        return refuse(steps, journal, e);
      } catch (IOException | RuntimeException e) {
        steps.forEach(s -> failed(journal, s, e));
        return new Result(End.FAILED, message(e));
      }
    }
    for (RemovalStep step : steps) {
      try {
        runStep(step, root, journal);
      } catch (IOException | RuntimeException e) {
        LOG.log(
            Level.WARNING, "Merge " + step.id() + " of backup " + step.backupId() + " failed", e);
        failed(journal, step, e);
        return new Result(End.FAILED, message(e));
      }
    }
    return new Result(End.SWITCHED, "");
  }

  private static void runStep(RemovalStep s, ImageStore root, RemovalJournal journal)
      throws IOException {
    String doomed = s.doomedFile();
    if (s.kind() == RemovalStep.Kind.DROP) {
      if (s.state().compareTo(RemovalStep.State.SWITCHED) < 0) {
        journal.switchCatalog(s.id());
      }
      root.deleteIfExists(doomed);
      root.deleteIfExists(Qcow2Writer.partialName(doomed));
      return;
    }
    String child = s.childFile();
    if (s.state() == RemovalStep.State.PLANNED) {
      journal.advance(s.id(), RemovalStep.State.WRITING);
    }
    if (s.state().compareTo(RemovalStep.State.WRITING) <= 0) {
      long started = System.nanoTime();
      ImageCommit.Result r =
          ImageCommit.commit(root, child, doomed, stage -> journal.reached(s, stage));
      journal.moved(s.id(), r.dataBytes(), (System.nanoTime() - started) / 1_000_000);
    }
    if (s.state().compareTo(RemovalStep.State.REPOINTED) < 0) {
      for (String f : s.repointFiles()) {
        BackingFile.rebase(root, f, doomed);
      }
      journal.advance(s.id(), RemovalStep.State.REPOINTED);
    }
    if (s.state().compareTo(RemovalStep.State.SWITCHED) < 0) {
      journal.switchCatalog(s.id());
    }
    root.deleteIfExists(child);
    root.syncFolder(ImageNames.parent(child));
    journal.facts(s, doomed, ImageFacts.read(root, doomed));
    for (String f : s.repointFiles()) {
      journal.facts(s, f, ImageFacts.read(root, f));
    }
  }

  private static void precheck(RemovalStep s, ImageStore root, RemovalJournal journal)
      throws IOException {
    journal.beforeCheck(s);
    check(s, root, journal, s.doomedFile(), s.backupId());
    check(s, root, journal, s.childFile(), s.childBackupId());
  }

  private static void check(
      RemovalStep s, ImageStore root, RemovalJournal journal, String file, Long owner)
      throws IOException {
    ImageVerifier.Result r =
        ImageVerifier.verify(root, file, journal.expected(s, file).orElse(null));
    if (r.status() != ImageVerifier.Status.OK) {
      throw new Damaged(s, owner, r);
    }
  }

  /** Rolls the untouched removal back and has the damaged point marked. */
  private static Result refuse(List<RemovalStep> steps, RemovalJournal journal, Damaged e) {
    String why = "not merged: " + e.getMessage();
    try {
      for (RemovalStep s : steps) {
        journal.rollBack(s.id(), why);
      }
      if (e.owner != null) {
        journal.damaged(e.step, e.owner, e.result);
      }
    } catch (IOException | RuntimeException x) {
      LOG.log(Level.WARNING, "Rolling back the refused removal did not finish", x);
      return new Result(End.FAILED, why + "; rolling back did not finish: " + message(x));
    }
    return new Result(End.REFUSED, why);
  }

  private static void failed(RemovalJournal journal, RemovalStep s, Exception e) {
    try {
      journal.failed(s.id(), message(e));
    } catch (RuntimeException x) {
      LOG.log(Level.WARNING, "The failure of merge " + s.id() + " was not recorded", x);
    }
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** An image found damaged before a merge touched anything. */
  private static final class Damaged extends IOException {
    private static final long serialVersionUID = 1L;
    final transient RemovalStep step;
    final Long owner;
    final transient ImageVerifier.Result result;

    Damaged(RemovalStep step, Long owner, ImageVerifier.Result result) {
      super(result.detail());
      this.step = step;
      this.owner = owner;
      this.result = result;
    }
  }
}
