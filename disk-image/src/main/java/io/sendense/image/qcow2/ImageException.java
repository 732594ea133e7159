package io.sendense.image.qcow2;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Base of every problem with an image file or chain. It always names the file and says what is
 * wrong, so that an operator can act on the message alone.
 */
public class ImageException extends IOException {
  private final String location;
  private final String problem;

  public ImageException(Path file, String problem) {
    this(String.valueOf(file), problem);
  }

  public ImageException(Path file, String problem, Throwable cause) {
    this(String.valueOf(file), problem, cause);
  }

  /** A problem with the image at {@code location} (a path, or a repository and a name). */
  public ImageException(String location, String problem) {
    super(location + ": " + problem);
    this.location = location;
    this.problem = problem;
  }

  public ImageException(String location, String problem, Throwable cause) {
    super(location + ": " + problem, cause);
    this.location = location;
    this.problem = problem;
  }

  /** The image file the problem was found in, as a path (its location for remote stores). */
  public Path file() {
    return Path.of(location);
  }

  /** Where the image is: a local path, or a repository location and the image's name. */
  public String location() {
    return location;
  }

  /** The problem, without the file name. */
  public String problem() {
    return problem;
  }
}
