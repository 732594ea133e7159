package io.sendense.batch;

/**
 * The text a failed job leaves as its batch exit status: the reason, carried to the host also when
 * nothing was recorded in the catalog yet, cut to fit what the batch repository keeps (512
 * characters): at most 500, ending in "..." when cut.
 */
public final class ExitStatus {
  static final int MAX = 500;

  private ExitStatus() {}

  public static String of(String reason) {
    return reason.length() <= MAX ? reason : reason.substring(0, MAX - 3) + "...";
  }
}
