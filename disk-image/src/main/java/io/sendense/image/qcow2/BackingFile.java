package io.sendense.image.qcow2;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Changes the backing file an image names, and nothing else ({@code qemu-img rebase -u}): one
 * sector write of the header, then a sync. Used after a merge made another file read exactly as the
 * old backing file does, so the image reads the same before and after.
 */
public final class BackingFile {
  private BackingFile() {}

  /**
   * Makes {@code image} name {@code newBacking} (a path relative to the image's folder is written).
   * Nothing happens if it already does.
   *
   * @throws ImageException if the image is not version 3, the new backing file is not a QCOW2 image
   *     no larger than the image, or the name does not fit in the header's first sector
   */
  public static void rebase(Path image, Path newBacking) throws IOException {
    String name = relativeName(image, newBacking);
    Qcow2Header h;
    try (ImageFile current = ImageFile.open(image)) {
      h = current.header;
      if (name.equals(h.backingFile())) {
        return;
      }
      if (h.version() != 3) {
        throw new ImageException(image, "only QCOW2 version 3 images can be re-pointed");
      }
      try (ImageFile parent = ImageFile.open(newBacking)) {
        if (parent.virtualSize() > current.virtualSize()) {
          throw new BrokenChainException(
              image, "new backing file " + newBacking + " is larger than the image");
        }
      }
    }
    Qcow2Header rebased =
        new Qcow2Header(
            3,
            h.clusterBits(),
            h.virtualSize(),
            h.l1Size(),
            h.l1TableOffset(),
            h.refcountTableOffset(),
            h.refcountTableClusters(),
            h.incompatibleFeatures(),
            h.refcountOrder(),
            h.compressionType(),
            name,
            "qcow2");
    try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
      HeaderSector.write(ch, image, rebased);
      ch.force(false);
    }
  }

  /** The backing file name {@code image} names, or null for a standalone image. */
  public static String of(Path image) throws IOException {
    try (ImageFile file = ImageFile.open(image)) {
      return file.header.backingFile();
    }
  }

  private static String relativeName(Path image, Path backing) throws IOException {
    if (!Files.isRegularFile(backing)) {
      throw new BrokenChainException(image, "new backing file " + backing + " does not exist");
    }
    Path dir = image.toAbsolutePath().normalize().getParent();
    return dir.relativize(backing.toAbsolutePath().normalize()).toString();
  }
}
