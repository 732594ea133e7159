package io.sendense.image.qcow2;

import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Changes the backing file an image names, and nothing else ({@code qemu-img rebase -u}): one
 * sector write of the header, then a sync. Used after a merge made another file read exactly as the
 * old backing file does, so the image reads the same before and after.
 */
public final class BackingFile {
  private BackingFile() {}

  /**
   * Makes {@code image} name {@code newBacking}, both in {@code store} (the name relative to the
   * image's folder is written, and must stay inside the store). Nothing happens if it already does.
   *
   * @throws ImageException if the image is not version 3, the new backing file is not a QCOW2 image
   *     no larger than the image, or the name does not fit in the header's first sector
   */
  public static void rebase(ImageStore store, String image, String newBacking) throws IOException {
    rebase(store, image, newBacking, BackingNames.IN_STORE);
  }

  /** Same as {@link #rebase(ImageStore, String, String)} for local files. */
  public static void rebase(Path image, Path newBacking) throws IOException {
    rebase(
        LocalImageStore.fileSystem(),
        BackingNames.name(image),
        BackingNames.name(newBacking),
        BackingNames.FILE_SYSTEM);
  }

  private static void rebase(ImageStore store, String image, String newBacking, BackingNames names)
      throws IOException {
    if (!store.isFile(newBacking)) {
      throw new BrokenChainException(
          store.location(image),
          "new backing file " + store.location(newBacking) + " does not exist");
    }
    String name = names.headerName(image, newBacking);
    Qcow2Header h;
    try (ImageFile current = ImageFile.open(store, image)) {
      h = current.header;
      if (name.equals(h.backingFile())) {
        return;
      }
      if (h.version() != 3) {
        throw new ImageException(current.path, "only QCOW2 version 3 images can be re-pointed");
      }
      try (ImageFile parent = ImageFile.open(store, newBacking)) {
        if (parent.virtualSize() > current.virtualSize()) {
          throw new BrokenChainException(
              current.path, "new backing file " + parent.path + " is larger than the image");
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
            "qcow2",
            h.crypto());
    try (ImageChannel ch = store.open(image, true)) {
      HeaderSector.write(ch, store.location(image), rebased);
      ch.sync();
    }
  }

  /** The backing file name {@code image} names, or null for a standalone image. */
  public static String of(ImageStore store, String image) throws IOException {
    try (ImageFile file = ImageFile.open(store, image)) {
      return file.header.backingFile();
    }
  }

  /** Same as {@link #of(ImageStore, String)} for a local file. */
  public static String of(Path image) throws IOException {
    return of(LocalImageStore.fileSystem(), BackingNames.name(image));
  }
}
