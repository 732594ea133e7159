package io.sendense.image.qcow2;

import java.nio.file.Path;

/**
 * A file is not a QCOW2 image we can trust: bad header, a table pointing outside the file,
 * inconsistent refcounts, a truncated cluster. Restoring from such a file must stop.
 */
public class CorruptImageException extends ImageException {
  public CorruptImageException(Path file, String problem) {
    super(file, problem);
  }

  public CorruptImageException(Path file, String problem, Throwable cause) {
    super(file, problem, cause);
  }

  public CorruptImageException(String location, String problem) {
    super(location, problem);
  }

  public CorruptImageException(String location, String problem, Throwable cause) {
    super(location, problem, cause);
  }
}
