package io.sendense.image.qcow2;

import java.nio.file.Path;

/**
 * The images are individually sound but do not form a usable chain: a missing or looping backing
 * file, a parent of another virtual size, a chain that is too deep, a backing name that would leave
 * the repository.
 */
public class BrokenChainException extends ImageException {
  public BrokenChainException(Path file, String problem) {
    super(file, problem);
  }

  public BrokenChainException(String location, String problem) {
    super(location, problem);
  }
}
