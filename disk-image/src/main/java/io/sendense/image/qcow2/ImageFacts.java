package io.sendense.image.qcow2;

import static io.sendense.image.qcow2.Qcow2Format.*;

import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * What is recorded about an image when it is written, so that it can be verified later without
 * trusting it: the SHA-256 and size of the file and the QCOW2 facts from its header and tables.
 *
 * @param fileSize bytes in the file
 * @param sha256 SHA-256 of the whole file, lower-case hex (what {@code sha256sum} prints)
 * @param virtualSize size of the disk the image describes
 * @param clusterSize cluster size
 * @param backingFile the backing file name in the header, or null for a standalone image
 * @param allocatedBytes guest bytes this image holds data for (zero clusters not counted)
 */
public record ImageFacts(
    long fileSize,
    String sha256,
    long virtualSize,
    int clusterSize,
    String backingFile,
    long allocatedBytes) {

  private static final int BUFFER = 4 << 20;

  /**
   * Reads the whole file once for its hash, and its header and L2 tables for the rest.
   *
   * @throws CorruptImageException if it is not a sound QCOW2 image
   */
  public static ImageFacts read(ImageStore store, String name) throws IOException {
    return structure(store, name).withSha256(sha256(store, name));
  }

  /**
   * The facts from the header and L2 tables only, without the hash (null): the metadata of the
   * image, not a read of its data.
   *
   * @throws CorruptImageException if it is not a sound QCOW2 image
   */
  public static ImageFacts structure(ImageStore store, String name) throws IOException {
    try (ImageFile image = ImageFile.open(store, name)) {
      long allocated = allocated(image) * image.header.clusterSize();
      return new ImageFacts(
          image.fileSize,
          null,
          image.virtualSize(),
          image.header.clusterSize(),
          image.header.backingFile(),
          allocated);
    }
  }

  /** These facts with the given SHA-256. */
  public ImageFacts withSha256(String hash) {
    return new ImageFacts(fileSize, hash, virtualSize, clusterSize, backingFile, allocatedBytes);
  }

  /** Same as {@link #read(ImageStore, String)} for a local file. */
  public static ImageFacts read(Path file) throws IOException {
    return read(LocalImageStore.fileSystem(), BackingNames.name(file));
  }

  /** SHA-256 of a whole local file, lower-case hex. */
  public static String sha256(Path file) throws IOException {
    return sha256(LocalImageStore.fileSystem(), BackingNames.name(file));
  }

  /**
   * SHA-256 of a whole file of a store, lower-case hex. The next piece of the file is read on a
   * thread of its own while the current one is hashed, so the read (from disk: images are written
   * past the page cache) and the hash take the time of the slower one, not of both.
   */
  public static String sha256(ImageStore store, String name) throws IOException {
    try (ImageChannel ch = store.open(name, false)) {
      return HexFormat.of().formatHex(FileDigest.sha256(ch, BUFFER));
    }
  }

  private static long allocated(ImageFile image) throws IOException {
    int bits = image.clusterBits();
    long clusters = ceilDiv(image.virtualSize(), 1L << bits);
    long perL2 = 1L << (bits - 3);
    long n = 0;
    for (long c = 0; c < clusters; c++) {
      if (c % perL2 == 0 && image.l1Empty(c / perL2)) {
        c += perL2 - 1;
        continue;
      }
      long e = image.entry(c);
      if (e != 0 && !L2Entry.zero(e)) {
        n++;
      }
    }
    return n;
  }
}
