package io.sendense.image.point;

import java.io.IOException;
import java.nio.file.Path;

/** A file that should be a restore point manifest is not one; the message names it and why. */
public class ManifestException extends IOException {
  public ManifestException(Path file, String problem) {
    this(String.valueOf(file), problem);
  }

  /** A bad manifest at {@code location} (a path, or a repository and a name). */
  public ManifestException(String location, String problem) {
    super(location + ": " + problem);
  }
}
