package io.sendense.plugin.api.source;

import java.io.IOException;
import java.util.Objects;

/**
 * A failed operation against a hypervisor source, with the {@link SourceProblem} that says what
 * went wrong. The message names the object concerned and what to fix; it never holds a secret.
 */
public class SourceException extends IOException {

  private static final long serialVersionUID = 1L;

  private final SourceProblem problem;

  public SourceException(SourceProblem problem, String message) {
    super(message);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  public SourceException(SourceProblem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** Why the operation failed. */
  public SourceProblem problem() {
    return problem;
  }
}
