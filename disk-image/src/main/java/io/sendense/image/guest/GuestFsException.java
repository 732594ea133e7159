package io.sendense.image.guest;

import java.io.IOException;

/**
 * Guest data that cannot be read as what it claims to be: a corrupt or hostile structure, a loop,
 * an out-of-range pointer, an absurd size. The message says which path (or structure) and what.
 */
public class GuestFsException extends IOException {
  public GuestFsException(String message) {
    super(message);
  }

  public GuestFsException(String message, Throwable cause) {
    super(message, cause);
  }
}
