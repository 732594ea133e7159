package io.sendense.plugin.api;

import java.util.Objects;

/**
 * The outcome of an extension's "Test connection": either success with a short summary, or the
 * exact failure with a message that says what to fix.
 *
 * @param successful whether everything the extension needs worked
 * @param failure why it failed, or {@code null} on success
 * @param message a sentence for the administrator (summary on success, cause and fix on failure),
 *     never containing a secret value
 */
public record ConnectionTestResult(boolean successful, FailureKind failure, String message) {

  public ConnectionTestResult {
    Objects.requireNonNull(message, "message");
    if (successful != (failure == null)) {
      throw new IllegalArgumentException("A failure kind is given exactly when the test failed");
    }
  }

  /** A successful test, with a summary such as the free space found. */
  public static ConnectionTestResult success(String summary) {
    return new ConnectionTestResult(true, null, summary);
  }

  /** A failed test. */
  public static ConnectionTestResult failed(FailureKind failure, String message) {
    return new ConnectionTestResult(false, Objects.requireNonNull(failure, "failure"), message);
  }
}
