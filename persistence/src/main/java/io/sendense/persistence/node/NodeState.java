package io.sendense.persistence.node;

/** Whether a paired node may connect: its certificate is refused once it is revoked. */
public enum NodeState {
  ACTIVE,
  REVOKED
}
