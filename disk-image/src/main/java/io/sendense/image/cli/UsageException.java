package io.sendense.image.cli;

/** Wrong command-line arguments; the message says what is wrong, the tool then prints usage. */
public class UsageException extends IllegalArgumentException {
  public UsageException(String message) {
    super(message);
  }
}
