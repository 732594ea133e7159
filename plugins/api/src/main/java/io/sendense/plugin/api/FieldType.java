package io.sendense.plugin.api;

/**
 * The kind of value a {@link ConfigField} holds, so the UI can pick an input widget and the hub can
 * check the value before the plugin sees it.
 */
public enum FieldType {
  /** Free text on one line. */
  TEXT,
  /** A whole number in the range of a Java {@code long}. */
  INTEGER,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** A host name or IP address, without port. */
  HOST,
  /** A TCP/UDP port, 1 to 65535. */
  PORT,
  /** A path on the hub or on a remote system, as the plugin documents in the field's help. */
  PATH;

  /**
   * Checks a non-empty value against this type.
   *
   * @return {@code null} if the value is acceptable, else a sentence saying what is wrong
   */
  String problemWith(String value) {
    switch (this) {
      case INTEGER:
        return parses(value) ? null : "must be a whole number, got '" + value + "'";
      case BOOLEAN:
        return value.equals("true") || value.equals("false")
            ? null
            : "must be true or false, got '" + value + "'";
      case PORT:
        return isPort(value) ? null : "must be a port between 1 and 65535, got '" + value + "'";
      case HOST:
        return value.matches("[A-Za-z0-9._:\\-\\[\\]%]+")
            ? null
            : "must be a host name or IP address without spaces or port, got '" + value + "'";
      default:
        return value.indexOf('\0') >= 0 ? "must not contain a NUL character" : null;
    }
  }

  private static boolean parses(String value) {
    try {
      Long.parseLong(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isPort(String value) {
    if (!parses(value)) {
      return false;
    }
    long port = Long.parseLong(value);
    return port >= 1 && port <= 65535;
  }
}
