package io.sendense.persistence.flow;

/** What started a flow execution. */
public enum TriggerKind {
  SCHEDULE,
  MANUAL,
  RERUN,
  CATCH_UP
}
