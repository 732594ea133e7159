package io.sendense.batch.copy;

import io.sendense.image.qcow2.ImageFacts;
import java.util.List;

/**
 * What the {@code copy-backup} job needs from the catalog. The hub implements it with JPA (one
 * transaction per call). A host that offers no copies produces none; the job then fails saying so.
 */
public interface CopyCatalogPort {

  /**
   * What to copy for a request: the point's copy in the target and, in incremental mode, copies of
   * the ancestors the target lacks (oldest first). Idempotent: a restart (or a new job instance of
   * the same hub job) takes over the unfinished copies of an earlier execution; images already
   * verified on the target are marked done.
   *
   * @throws IllegalArgumentException naming what is missing (point, repository)
   * @throws IllegalStateException saying why the point cannot be copied now
   */
  CopyPlan plan(CopyRequest request);

  /** An image was written and verified on the target under its final name. */
  void imageCopied(long copyDiskId, ImageFacts facts);

  /**
   * Every image of a copy is on the target and verified: the copy becomes a COMPLETE point of its
   * own (its manifest and VM configuration are written on the target, its lock set if the target is
   * immutable).
   */
  void pointCopied(long copyBackupId, long bytesCopied, long durationMs);

  /** The copies of this execution that are not complete are FAILED (never parents). */
  void failed(List<Long> copyBackupIds, String reason);
}
