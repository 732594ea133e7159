package io.sendense.webapp.flow;

import io.sendense.persistence.flow.ExecutionStatus;

/**
 * A flow's state as the flows table, the dashboard and {@code /api/v1/protection-flows} show it
 * (the JSON carries the names).
 */
public enum FlowStatus {
  /** A run began and no VM of it has started yet. */
  STARTING,
  RUNNING,
  DISABLED,
  NEVER_RUN,
  SUCCESS,
  /** The last run ended with some VMs failed (a PARTIAL run). */
  WARNING,
  FAILED,
  /** The last planned run was skipped (the previous one was still running). */
  SKIPPED;

  /** What an idle enabled flow shows after its last run ended as {@code last}. */
  static FlowStatus after(ExecutionStatus last) {
    if (last == null) {
      return NEVER_RUN;
    }
    return switch (last) {
      case RUNNING -> RUNNING;
      case SUCCESS -> SUCCESS;
      case PARTIAL -> WARNING;
      case FAILED -> FAILED;
      case SKIPPED -> SKIPPED;
    };
  }
}
