package io.sendense.persistence.lifecycle;

/** What retention did about one restore point. */
public enum RetentionAction {
  /** No rule kept it; it was deleted (merged out of its chain). */
  DELETED,
  /** No rule kept it, but something holds it (a restore session, a lock); tried again later. */
  DEFERRED,
  /** Its deletion failed; the reason is in the detail, and the next sweep tries again. */
  FAILED
}
