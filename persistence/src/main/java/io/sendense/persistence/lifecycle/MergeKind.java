package io.sendense.persistence.lifecycle;

/** How an image leaves its chain. */
public enum MergeKind {
  /** No later point is built on it: the image is simply deleted. */
  DROP,
  /**
   * Its one child's clusters are written into it, so the file then holds the child's state; the
   * child's own children are re-pointed to it and the child's old file is deleted.
   */
  COMMIT
}
