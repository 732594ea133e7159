package io.sendense.image.qcow2;

import io.sendense.image.luks.Passphrase;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A restore point opened for reading: the top image and all its backing files. Reads any byte range
 * of the virtual disk (the nearest image that defines a cluster wins; zero clusters and clusters no
 * image defines read as zeros), and maps what is allocated.
 *
 * <p>Thread-safe: any number of threads may read at once. Images made by qemu are read too,
 * including deflate- and zstd-compressed clusters and chains with mixed cluster sizes.
 */
public final class Qcow2Chain implements Closeable, DiskSource {
  private final List<ImageFile> images;
  private final int unitBits;
  private final ClusterReader clusterReader;

  private Qcow2Chain(List<ImageFile> images) {
    this.images = images;
    this.unitBits = images.stream().mapToInt(ImageFile::clusterBits).min().orElseThrow();
    this.clusterReader = new ClusterReader();
  }

  /**
   * Opens the chain whose top image is the local file {@code top}, following backing file names as
   * qemu-img does (absolute, or relative to each image's folder). This is for tools working on an
   * operator's own files; code serving a repository uses {@link #open(ImageStore, String)}, which
   * keeps every backing file inside the repository.
   *
   * @throws CorruptImageException if a file is not a sound QCOW2 image
   * @throws BrokenChainException if a parent is missing, loops, or has the wrong size
   */
  public static Qcow2Chain open(Path top) throws IOException {
    return open(LocalImageStore.fileSystem(), BackingNames.name(top), BackingNames.FILE_SYSTEM);
  }

  /**
   * Opens the chain whose top image is {@code top} in {@code store}, read-only. Backing file names
   * are resolved relative to each image's folder in the same store; absolute names, {@code ..} and
   * URLs are refused, so no image can make the reader leave its repository. The store stays open
   * and belongs to the caller.
   *
   * @throws CorruptImageException if a file is not a sound QCOW2 image
   * @throws BrokenChainException if a parent is missing, loops, has the wrong size or a name that
   *     leaves the store
   */
  public static Qcow2Chain open(ImageStore store, String top) throws IOException {
    return open(store, top, BackingNames.IN_STORE, store.passphrase());
  }

  /**
   * Opens a chain whose images may be encrypted (QCOW2 LUKS): each encrypted image is unlocked with
   * {@code passphrase}. Without one ({@code null}) the chain still opens and maps, but reading data
   * of an encrypted image throws {@link PassphraseRequiredException}.
   *
   * @throws WrongPassphraseException if the passphrase unlocks no key slot of an encrypted image
   */
  public static Qcow2Chain open(ImageStore store, String top, Passphrase passphrase)
      throws IOException {
    return open(store, top, BackingNames.IN_STORE, passphrase);
  }

  /** {@link #open(Path)} with a passphrase for encrypted images (null: none). */
  public static Qcow2Chain open(Path top, Passphrase passphrase) throws IOException {
    return open(
        LocalImageStore.fileSystem(), BackingNames.name(top), BackingNames.FILE_SYSTEM, passphrase);
  }

  static Qcow2Chain open(ImageStore store, String top, BackingNames names) throws IOException {
    return open(store, top, names, null);
  }

  static Qcow2Chain open(ImageStore store, String top, BackingNames names, Passphrase passphrase)
      throws IOException {
    return new Qcow2Chain(ChainOpener.open(store, top, names, passphrase));
  }

  /** Whether every image of the chain is encrypted ({@code true}) or none is ({@code false}). */
  boolean allEncrypted(boolean encrypted) {
    return images.stream().allMatch(i -> i.encrypted() == encrypted);
  }

  /** Whether any image of the chain is encrypted. */
  public boolean encrypted() {
    return images.stream().anyMatch(ImageFile::encrypted);
  }

  /** Same as {@link #virtualSize()}. */
  @Override
  public long size() {
    return virtualSize();
  }

  /** The data ranges of {@link #map()} (zero clusters and holes left out). */
  @Override
  public List<long[]> dataRanges() throws IOException {
    List<long[]> result = new ArrayList<>();
    for (AllocatedRange r : map().ranges()) {
      if (r.zero()) {
        continue;
      }
      if (!result.isEmpty() && result.get(result.size() - 1)[1] == r.start()) {
        result.get(result.size() - 1)[1] = r.end();
      } else {
        result.add(new long[] {r.start(), r.end()});
      }
    }
    return result;
  }

  /** Virtual disk size in bytes (of the top image). */
  public long virtualSize() {
    return images.get(0).virtualSize();
  }

  /** Cluster size of the top image. */
  public int clusterSize() {
    return images.get(0).header.clusterSize();
  }

  /** The files of the chain, top first: local paths, or the locations of a remote store. */
  public List<Path> images() {
    List<Path> paths = new ArrayList<>();
    images.forEach(i -> paths.add(Path.of(i.path)));
    return paths;
  }

  /** The names of the chain's images in their store, top first. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    images.forEach(i -> names.add(i.name));
    return names;
  }

  /** The allocated ranges of the chain, like {@code qemu-img map}. */
  public AllocationMap map() throws IOException {
    return new ChainMapper(this).map();
  }

  /**
   * Reads {@code dst.remaining()} bytes of the virtual disk starting at {@code offset}.
   *
   * @throws IllegalArgumentException if the range extends past the virtual size
   */
  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    if (offset < 0 || offset + dst.remaining() > virtualSize()) {
      throw new IllegalArgumentException(
          "read of "
              + dst.remaining()
              + " bytes at "
              + offset
              + " is outside the virtual size "
              + virtualSize());
    }
    long[] found = new long[1];
    while (dst.hasRemaining()) {
      int depth = locate(offset >>> unitBits, found);
      int n = clusterReader.read(this, depth, found[0], offset, dst);
      offset += n;
    }
  }

  /** Granularity of {@link #locate}: the smallest cluster size in the chain. */
  int clusterBits() {
    return unitBits;
  }

  ImageFile image(int depth) {
    return images.get(depth);
  }

  /** True if no image has an L2 table for the given L1 index (in units of the smallest cluster). */
  boolean noneAllocated(long l1Index) {
    long byteOffset = l1Index << (2 * unitBits - 3);
    for (ImageFile image : images) {
      if (byteOffset < image.virtualSize()
          && !image.l1Empty(byteOffset >>> (2 * image.clusterBits() - 3))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Finds the image that defines a unit (cluster of the smallest size); stores its L2 entry in
   * {@code entry[0]} and returns its depth, or -1 if no image defines it.
   */
  int locate(long unit, long[] entry) throws IOException {
    long byteOffset = unit << unitBits;
    for (int depth = 0; depth < images.size(); depth++) {
      ImageFile image = images.get(depth);
      if (byteOffset >= image.virtualSize()) {
        return -1;
      }
      long e = image.entry(byteOffset >>> image.clusterBits());
      if (!L2Entry.unallocated(e)) {
        entry[0] = e;
        return depth;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (ImageFile image : images) {
      try {
        image.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
