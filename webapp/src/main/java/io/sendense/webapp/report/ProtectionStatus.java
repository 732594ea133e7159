package io.sendense.webapp.report;

/** Where a VM stands against the promise of the flows that cover it. */
public enum ProtectionStatus {
  /** Its newest good point is younger than the RPO target. */
  OK,
  /** Its newest good point is older than the RPO target. */
  LATE,
  /** Covered by a flow, but no good restore point yet. */
  NO_POINT,
  /** Has a good point, but only flows without a schedule cover it: no target to measure. */
  NO_SCHEDULE,
  /** No enabled flow backs it up. */
  UNPROTECTED
}
