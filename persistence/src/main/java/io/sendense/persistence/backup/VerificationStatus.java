package io.sendense.persistence.backup;

/**
 * What the last verification of a restore point found: every image of its chain re-read, its QCOW2
 * structure checked and its SHA-256 compared with the one recorded when it was written.
 */
public enum VerificationStatus {
  /** Every image of the chain is there, well-formed and has its recorded hash. */
  VERIFIED,
  /** An image of the chain is damaged: wrong hash, size or QCOW2 structure. */
  CORRUPT,
  /** An image of the chain is gone from the repository. */
  MISSING;

  /** Whether a point in this state may be restored from or built on. */
  public boolean usable() {
    return this == VERIFIED;
  }
}
