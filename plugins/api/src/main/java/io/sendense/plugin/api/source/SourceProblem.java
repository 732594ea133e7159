package io.sendense.plugin.api.source;

import io.sendense.plugin.api.FailureKind;

/**
 * The exact reason a hypervisor source cannot be used, finer than {@link FailureKind} so that the
 * hub can tell the administrator what to fix (and offer to trust a new certificate, for example).
 */
public enum SourceProblem {
  /** The configuration is incomplete or malformed (the message names the field). */
  INVALID_CONFIGURATION(FailureKind.INVALID_CONFIGURATION),
  /** Name does not resolve, nothing listens on the port, or the connection timed out. */
  UNREACHABLE(FailureKind.HOST_UNREACHABLE),
  /** The server's certificate does not have the pinned SHA-256 thumbprint. */
  CERTIFICATE_MISMATCH(FailureKind.ACCESS_DENIED),
  /** No thumbprint is pinned yet: the administrator must confirm the one reported. */
  CERTIFICATE_NOT_TRUSTED(FailureKind.ACCESS_DENIED),
  /** User name or password refused. */
  LOGIN_FAILED(FailureKind.ACCESS_DENIED),
  /** Logged in, but the user lacks privileges that backups need (listed in the message). */
  INSUFFICIENT_PRIVILEGES(FailureKind.ACCESS_DENIED),
  /** A VM, snapshot or disk named in the request does not exist (any more). */
  NOT_FOUND(FailureKind.PATH_NOT_FOUND),
  /** The target (a datastore) lacks the space an operation needs; the message gives both sizes. */
  NO_SPACE(FailureKind.NO_SPACE),
  /** Something of that name already exists where it was to be created. */
  ALREADY_EXISTS(FailureKind.ALREADY_EXISTS),
  /** The session or a data connection broke during an operation. */
  CONNECTION_LOST(FailureKind.CONNECTION_LOST),
  /** The server answered something the plugin does not understand or support. */
  PROTOCOL_ERROR(FailureKind.PROTOCOL_ERROR),
  /** Anything else; the message carries the details. */
  OTHER(FailureKind.OTHER);

  private final FailureKind kind;

  SourceProblem(FailureKind kind) {
    this.kind = kind;
  }

  /** The generic kind shared with the other extension points. */
  public FailureKind kind() {
    return kind;
  }
}
