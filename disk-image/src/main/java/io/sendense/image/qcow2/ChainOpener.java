package io.sendense.image.qcow2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows backing file names from a top image down to its base and checks that the result is a
 * chain we can read: every parent exists, is QCOW2, has no larger virtual size than its child (a
 * larger parent means the wrong parent is linked), and no file appears twice.
 */
final class ChainOpener {
  /** Far deeper than any retention policy keeps, low enough to stop a runaway chain early. */
  static final int MAX_DEPTH = 1000;

  private ChainOpener() {}

  static List<ImageFile> open(Path top) throws IOException {
    List<ImageFile> images = new ArrayList<>();
    try {
      Set<Path> seen = new HashSet<>();
      Path current = top;
      while (current != null) {
        if (!Files.isRegularFile(current)) {
          Path child = images.isEmpty() ? current : images.get(images.size() - 1).path;
          throw new BrokenChainException(
              child,
              images.isEmpty()
                  ? "file does not exist"
                  : "backing file " + current + " does not exist");
        }
        if (!seen.add(current.toRealPath())) {
          throw new BrokenChainException(current, "backing chain loops back to this file");
        }
        if (images.size() >= MAX_DEPTH) {
          throw new BrokenChainException(top, "backing chain is deeper than " + MAX_DEPTH);
        }
        ImageFile image = ImageFile.open(current);
        images.add(image);
        checkParent(images);
        current = backingPath(image);
      }
      return images;
    } catch (IOException | RuntimeException e) {
      for (ImageFile image : images) {
        image.close();
      }
      throw e;
    }
  }

  private static void checkParent(List<ImageFile> images) throws BrokenChainException {
    if (images.size() < 2) {
      return;
    }
    ImageFile child = images.get(images.size() - 2);
    ImageFile parent = images.get(images.size() - 1);
    if (parent.virtualSize() > child.virtualSize()) {
      throw new BrokenChainException(
          child.path,
          "backing file "
              + parent.path
              + " has virtual size "
              + parent.virtualSize()
              + ", larger than this image's "
              + child.virtualSize()
              + "; the wrong parent is linked");
    }
  }

  private static Path backingPath(ImageFile image) throws BrokenChainException {
    String name = image.header.backingFile();
    if (name == null) {
      return null;
    }
    String format = image.header.backingFormat();
    if (format != null && !format.equals("qcow2")) {
      throw new BrokenChainException(
          image.path, "backing format '" + format + "' is not supported, only qcow2");
    }
    if (name.contains("://") || name.startsWith("json:")) {
      throw new BrokenChainException(image.path, "backing file '" + name + "' is not a local file");
    }
    Path dir = image.path.toAbsolutePath().getParent();
    try {
      return dir.resolve(name).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new BrokenChainException(
          image.path, "backing file name is not a valid path: " + e.getReason());
    }
  }
}
