package io.sendense.plugin.api.source;

import io.sendense.plugin.api.ConnectionTestResult;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of testing a hypervisor source: the generic result plus what only a source has, the
 * exact problem and the certificate thumbprint seen (for "trust on first use").
 *
 * @param result the generic result shown like every other extension's
 * @param problem the exact problem, or {@code null} on success
 * @param certificateSha256 the server certificate's SHA-256 thumbprint (lower-case hex, no
 *     separators) if the TLS handshake got that far, else {@code null}
 */
public record SourceConnectionTest(
    ConnectionTestResult result, SourceProblem problem, String certificateSha256) {

  public SourceConnectionTest {
    Objects.requireNonNull(result, "result");
    if (result.successful() != (problem == null)) {
      throw new IllegalArgumentException("A problem is given exactly when the test failed");
    }
    if (problem != null && problem.kind() != result.failure()) {
      throw new IllegalArgumentException("Failure kind must be " + problem.kind());
    }
  }

  /** A successful test with a summary such as "vCenter 6.7, 12 VMs". */
  public static SourceConnectionTest success(String summary, String certificateSha256) {
    return new SourceConnectionTest(ConnectionTestResult.success(summary), null, certificateSha256);
  }

  /** A failed test. */
  public static SourceConnectionTest failed(
      SourceProblem problem, String message, String certificateSha256) {
    return new SourceConnectionTest(
        ConnectionTestResult.failed(problem.kind(), message), problem, certificateSha256);
  }

  /** The thumbprint seen, if any. */
  public Optional<String> certificate() {
    return Optional.ofNullable(certificateSha256);
  }
}
