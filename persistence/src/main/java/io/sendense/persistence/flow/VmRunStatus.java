package io.sendense.persistence.flow;

/** Where one VM of a flow execution stands. */
public enum VmRunStatus {
  PENDING,
  RUNNING,
  SUCCESS,
  FAILED;

  public boolean ended() {
    return this == SUCCESS || this == FAILED;
  }
}
