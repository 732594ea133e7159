package io.sendense.image.qcow2;

import static io.sendense.image.qcow2.Qcow2Format.*;

import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Consistency check of one QCOW2 file, like {@code qemu-img check}: every L1/L2 entry points inside
 * the file, and the stored refcount of every host cluster equals the number of references found
 * (more is a leak, less or an overflow of the refcount width is an error). Memory is bounded by the
 * file size (one counter per host cluster).
 */
public final class Qcow2Checker {
  private static final int MAX_REPORTED = 20;

  /** 64 Mi host clusters (4 TiB at 64 KiB) need ~800 MB of counters; more is refused. */
  private static final long MAX_HOST_CLUSTERS = 1L << 26;

  private final ImageFile image;
  private final int bits;
  private final int[] counts;
  private final List<String> errors = new ArrayList<>();
  private int unreported;

  private Qcow2Checker(ImageFile image) {
    this.image = image;
    this.bits = image.clusterBits();
    this.counts = new int[(int) ceilDiv(image.fileSize, 1L << bits) + 1];
  }

  /**
   * Checks one image file (not its backing files; check each file of a chain on its own).
   *
   * @throws CorruptImageException if the header or L1 table is too damaged to check further
   */
  public static CheckReport check(Path file) throws IOException {
    return check(LocalImageStore.fileSystem(), BackingNames.name(file));
  }

  /** Checks the image {@code name} of {@code store}, like {@link #check(Path)}. */
  public static CheckReport check(ImageStore store, String name) throws IOException {
    try (ImageFile image = ImageFile.open(store, name)) {
      long hostClusters = ceilDiv(image.fileSize, image.header.clusterSize());
      if (hostClusters > MAX_HOST_CLUSTERS) {
        throw new ImageException(
            image.path,
            "file of "
                + image.fileSize
                + " bytes has "
                + hostClusters
                + " host clusters, more than this checker handles ("
                + MAX_HOST_CLUSTERS
                + ")");
      }
      return new Qcow2Checker(image).run();
    }
  }

  private CheckReport run() throws IOException {
    Qcow2Header h = image.header;
    reference(0, 1L << bits, "header");
    reference(h.l1TableOffset(), Math.max(8L, h.l1Size() * 8L), "L1 table");
    if (h.crypto() != null) {
      reference(h.crypto().offset(), h.crypto().length(), "LUKS header");
    }
    long clusters = ceilDiv(h.virtualSize(), 1L << bits);
    long perL2 = 1L << (bits - 3);
    for (long c = 0; c < clusters; c++) {
      if (c % perL2 == 0) {
        if (image.l1Empty(c / perL2)) {
          c += perL2 - 1;
          continue;
        }
        reference(image.l2Offset(c / perL2), 1L << bits, "L2 table");
      }
      countEntry(c);
    }
    reference(h.refcountTableOffset(), (long) h.refcountTableClusters() << bits, "refcount table");
    return compare(
        new RefcountReader(image, h).read(at -> reference(at, 1L << bits, "refcount block")));
  }

  private void countEntry(long cluster) throws IOException {
    long e;
    try {
      e = image.entry(cluster);
    } catch (CorruptImageException ex) {
      error(ex.problem());
      return;
    }
    if (L2Entry.compressed(e)) {
      reference(L2Entry.compressedOffset(e, bits), L2Entry.compressedLength(e, bits), "data");
    } else if (L2Entry.dataOffset(e) != 0) {
      reference(L2Entry.dataOffset(e), 1L << bits, "data");
    } else if ((e & OFFSET_MASK) != 0 && L2Entry.zero(e)) {
      reference(e & OFFSET_MASK, 1L << bits, "preallocated zero");
    }
  }

  private void reference(long offset, long length, String what) {
    if (length <= 0) {
      return;
    }
    long first = offset >>> bits;
    long last = (offset + length - 1) >>> bits;
    for (long c = first; c <= last; c++) {
      if (c >= counts.length) {
        error(what + " at offset " + offset + " lies past the end of the file");
        return;
      }
      counts[(int) c]++;
    }
  }

  private CheckReport compare(long[] stored) {
    long max = (1L << (1 << image.header.refcountOrder())) - 1;
    long leaks = 0;
    for (int c = 0; c < counts.length; c++) {
      long have = c < stored.length ? stored[c] : 0;
      if (counts[c] > max) {
        error(
            "refcount overflow: host cluster "
                + c
                + " is referenced "
                + counts[c]
                + " times but refcounts hold at most "
                + max);
      } else if (have < counts[c]) {
        error("host cluster " + c + " has refcount " + have + " but " + counts[c] + " references");
      } else if (have > counts[c]) {
        leaks++;
      }
    }
    if (unreported > 0) {
      errors.add("... and " + unreported + " more errors");
    }
    return new CheckReport(Path.of(image.path), errors, leaks);
  }

  private void error(String message) {
    if (errors.size() < MAX_REPORTED) {
      errors.add(message);
    } else {
      unreported++;
    }
  }

  /** Reads the stored refcounts of every host cluster. */
  private record RefcountReader(ImageFile image, Qcow2Header h) {
    long[] read(java.util.function.LongConsumer onBlock) throws IOException {
      int bits = h.clusterBits();
      long[] result = new long[(int) ceilDiv(image.fileSize, 1L << bits) + 1];
      int width = 1 << h.refcountOrder();
      long perBlock = (8L << bits) / width;
      ByteBuffer table = ByteBuffer.allocate(h.refcountTableClusters() << bits);
      image.readFully(table, h.refcountTableOffset());
      ByteBuffer block = ByteBuffer.allocate(1 << bits);
      for (int i = 0; i < table.capacity() / 8 && i * perBlock < result.length; i++) {
        long at = table.getLong(i * 8) & ~511L;
        if (at == 0) {
          continue;
        }
        if (at < 0 || at > image.fileSize - block.capacity()) {
          throw new CorruptImageException(
              image.path, "refcount block " + i + " at " + at + " lies past the end of the file");
        }
        onBlock.accept(at);
        image.readFully(block.clear(), at);
        for (long k = 0; k < perBlock && i * perBlock + k < result.length; k++) {
          result[(int) (i * perBlock + k)] = entry(block, k, width);
        }
      }
      return result;
    }

    private static long entry(ByteBuffer block, long index, int width) {
      return switch (width) {
        case 8 -> block.get((int) index) & 0xffL;
        case 16 -> block.getShort((int) index * 2) & 0xffffL;
        case 32 -> block.getInt((int) index * 4) & 0xffffffffL;
        case 64 -> block.getLong((int) index * 8);
        default ->
            ((block.get((int) (index * width / 8)) & 0xff) >>> (index * width % 8))
                & ((1L << width) - 1);
      };
    }
  }
}
