package io.sendense.persistence.flow;

/** Outcome of one run of a protection flow. */
public enum ExecutionStatus {
  RUNNING,
  SUCCESS,
  PARTIAL,
  FAILED,
  SKIPPED
}
