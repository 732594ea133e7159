package io.sendense.image.qcow2;

import io.sendense.image.luks.Passphrase;
import io.sendense.image.store.ImageStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows backing file names from a top image down to its base and checks that the result is a
 * chain we can read: every parent's name is acceptable to the {@link BackingNames} rule (in a
 * repository: a plain name inside the same store, so a hostile header cannot make us read outside
 * it), exists, is QCOW2, has no larger virtual size than its child (a larger parent means the wrong
 * parent is linked), and no file appears twice. Every image is opened read-only.
 */
final class ChainOpener {
  /** Far deeper than any retention policy keeps, low enough to stop a runaway chain early. */
  static final int MAX_DEPTH = 1000;

  private ChainOpener() {}

  static List<ImageFile> open(ImageStore store, String top, BackingNames names) throws IOException {
    return open(store, top, names, null);
  }

  /**
   * Opens the chain and unlocks its encrypted images with {@code passphrase} (null: they stay
   * locked; their metadata is readable, their data is not).
   */
  static List<ImageFile> open(
      ImageStore store, String top, BackingNames names, Passphrase passphrase) throws IOException {
    List<ImageFile> images = new ArrayList<>();
    try {
      Set<String> seen = new HashSet<>();
      String current = top;
      while (current != null) {
        if (!store.isFile(current)) {
          String child = images.isEmpty() ? store.location(current) : last(images).path;
          throw new BrokenChainException(
              child,
              images.isEmpty()
                  ? "file does not exist"
                  : "backing file " + store.location(current) + " does not exist");
        }
        if (!seen.add(current)) {
          throw new BrokenChainException(
              store.location(current), "backing chain loops back to this file");
        }
        if (images.size() >= MAX_DEPTH) {
          throw new BrokenChainException(
              store.location(top), "backing chain is deeper than " + MAX_DEPTH);
        }
        ImageFile image = ImageFile.open(store, current);
        images.add(image);
        checkParent(images);
        if (passphrase != null) {
          image.unlock(passphrase);
        }
        current = backingName(image, names);
      }
      return images;
    } catch (IOException | RuntimeException e) {
      for (ImageFile image : images) {
        image.close();
      }
      throw e;
    }
  }

  private static ImageFile last(List<ImageFile> images) {
    return images.get(images.size() - 1);
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

  private static String backingName(ImageFile image, BackingNames names)
      throws BrokenChainException {
    String name = image.header.backingFile();
    if (name == null) {
      return null;
    }
    String format = image.header.backingFormat();
    if (format != null && !format.equals("qcow2")) {
      throw new BrokenChainException(
          image.path, "backing format '" + format + "' is not supported, only qcow2");
    }
    try {
      return names.resolve(image.name, name);
    } catch (IllegalArgumentException e) {
      throw new BrokenChainException(image.path, e.getMessage());
    }
  }
}
