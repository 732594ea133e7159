package io.sendense.webapp.notification;

/**
 * A delivery that did not go through; the message says why (server answer, status code), never a
 * secret. {@code retryable} is false when trying again cannot help (the channel is misconfigured in
 * a way only the admin can fix, such as a refused login).
 */
public class DeliveryFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public DeliveryFailure(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
