package io.sendense.plugin.api;

/**
 * Why an operation against an external system failed, in terms an administrator can act on.
 *
 * <p>Shared by every extension point so that "Test connection" and error messages look the same for
 * all plugins; the UI may show a hint per kind. Pick the most specific kind that is certain.
 */
public enum FailureKind {
  /** The configuration itself is invalid (a field is missing or malformed). */
  INVALID_CONFIGURATION,
  /** The host name does not resolve, or nothing answers on the address and port. */
  HOST_UNREACHABLE,
  /** The host answered but the named share, export, datastore or endpoint does not exist. */
  SHARE_NOT_FOUND,
  /** The share or endpoint exists, but the folder or file inside it does not. */
  PATH_NOT_FOUND,
  /** The credentials were refused, or the user lacks permission for this resource. */
  ACCESS_DENIED,
  /** The location can be read but not written (read-only export or share, or permissions). */
  NOT_WRITABLE,
  /** The target is full, or a quota was reached. */
  NO_SPACE,
  /** The target already exists where the operation requires that it does not. */
  ALREADY_EXISTS,
  /** An established connection broke, or the peer stopped answering, during an operation. */
  CONNECTION_LOST,
  /** The peer answered something the plugin does not understand or support. */
  PROTOCOL_ERROR,
  /** Anything else; the message carries the details. */
  OTHER
}
