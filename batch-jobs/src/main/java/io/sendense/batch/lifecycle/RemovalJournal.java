package io.sendense.batch.lifecycle;

import io.sendense.image.qcow2.ImageCommit;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.ImageVerifier;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The journal a removal's file steps ({@link RemovalRun}) move through: the hub's own journal for a
 * repository it opens, the hub's journal reached over the node's connection for a repository placed
 * on a node. Every transition returns only once the journal has recorded it; {@link RemovalRun}
 * does the next file operation only then, so the journal always says how far the files are.
 */
public interface RemovalJournal {

  /** The facts the catalog recorded of an image the removal reads, empty when none were. */
  Optional<ImageFacts> expected(RemovalStep step, String file);

  /**
   * Called before the images of a fresh removal are checked: the hub hashes images whose hash is
   * pending first (and waits for a hash in progress), so that no hasher reads them while they
   * change.
   */
  default void beforeCheck(RemovalStep step) throws IOException {}

  /** Called once every image passed its check, before the first write of the removal. */
  default void checked(List<RemovalStep> steps) throws IOException {}

  /** Moves a row to {@link RemovalStep.State#WRITING} or {@link RemovalStep.State#REPOINTED}. */
  void advance(long stepId, RemovalStep.State state) throws IOException;

  /** The commit is durable: the row is WRITTEN, with what it moved. */
  void moved(long stepId, long bytes, long millis) throws IOException;

  /** The catalog switches the child's point to the surviving file; the row is SWITCHED. */
  void switchCatalog(long stepId) throws IOException;

  /** Records the measured facts of an image after the merge changed it. */
  void facts(RemovalStep step, String file, ImageFacts facts) throws IOException;

  /** Notes an error; the row keeps its state, so the next attempt rolls it forward. */
  void failed(long stepId, String error);

  /** Rolls an untouched row back (a damaged image refused the removal). */
  void rollBack(long stepId, String why) throws IOException;

  /**
   * Records that the check of {@code step} found the image of point {@code owner} (one of the two
   * it reads) damaged or missing.
   */
  void damaged(RemovalStep step, long owner, ImageVerifier.Result result) throws IOException;

  /** Called as a commit reaches each of its stages (the hub's test hook pauses there). */
  default void reached(RemovalStep step, ImageCommit.Stage stage) throws IOException {}
}
