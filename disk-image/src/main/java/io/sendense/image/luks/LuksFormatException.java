package io.sendense.image.luks;

/** A LUKS header that is damaged or uses something this reader does not implement. */
public final class LuksFormatException extends Exception {
  public LuksFormatException(String problem) {
    super(problem);
  }
}
