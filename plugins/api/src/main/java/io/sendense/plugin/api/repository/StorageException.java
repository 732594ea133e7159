package io.sendense.plugin.api.repository;

import io.sendense.plugin.api.FailureKind;
import java.io.IOException;
import java.util.Objects;

/**
 * A failed repository operation, with the {@link FailureKind} the hub uses to explain it and to
 * decide whether retrying can help (for example {@link FailureKind#CONNECTION_LOST}).
 *
 * <p>The message names the repository path concerned and says what to fix; it never contains a
 * secret.
 */
public class StorageException extends IOException {

  private static final long serialVersionUID = 1L;

  private final FailureKind kind;

  public StorageException(FailureKind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public StorageException(FailureKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Why the operation failed. */
  public FailureKind kind() {
    return kind;
  }
}
