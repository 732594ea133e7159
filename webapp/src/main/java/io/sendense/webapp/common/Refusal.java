package io.sendense.webapp.common;

/** A refused request (bad input, unknown record, conflict); the message says what to fix. */
public class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public Refusal(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status that fits: 400 bad input, 404 unknown, 409 conflict. */
  public int status() {
    return status;
  }
}
