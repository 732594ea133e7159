package io.sendense.image.qcow2;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Base of every problem with an image file or chain. It always names the file and says what is
 * wrong, so that an operator can act on the message alone.
 */
public class ImageException extends IOException {
  private final transient Path file;
  private final String problem;

  public ImageException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
    this.problem = problem;
  }

  public ImageException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.problem = problem;
  }

  /** The image file the problem was found in. */
  public Path file() {
    return file;
  }

  /** The problem, without the file name. */
  public String problem() {
    return problem;
  }
}
