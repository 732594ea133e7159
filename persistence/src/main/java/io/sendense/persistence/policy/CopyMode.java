package io.sendense.persistence.policy;

/**
 * How a point is copied: INCREMENTAL keeps the chain incremental on the target (each image copied
 * byte for byte, missing ancestors first); FULL makes every copy a standalone full image.
 */
public enum CopyMode {
  INCREMENTAL,
  FULL
}
