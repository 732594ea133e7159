package io.sendense.node;

/** The hub answered a call with an error status; its message says what to fix. */
public class HubException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  HubException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
