package io.sendense.image.qcow2;

import static io.sendense.image.qcow2.Qcow2Format.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * Which host clusters of an image its current header references (header, L1, L2 tables, data,
 * refcount table and blocks), found by walking the mapping rather than trusting stored refcounts,
 * and where a merge may put new clusters: first into clusters nothing references, then at the end.
 * Clusters the current header references are never handed out, so until the new header is written
 * the image keeps every table it had.
 */
final class HostSpace {
  /** 64 Mi host clusters (4 TiB at 64 KiB); a byte each. */
  private static final long MAX_HOST_CLUSTERS = 1L << 26;

  private final int bits;
  private final byte[] refs;
  private final BitSet taken = new BitSet();
  private long cursor = 1;
  private long end;

  private HostSpace(int bits, long fileSize) {
    this.bits = bits;
    this.refs = new byte[(int) ceilDiv(fileSize, 1L << bits)];
    this.end = refs.length;
  }

  /** Walks the image's current metadata. */
  static HostSpace of(ImageFile image) throws IOException {
    Qcow2Header h = image.header;
    int bits = h.clusterBits();
    long hostClusters = ceilDiv(image.fileSize, 1L << bits);
    if (hostClusters > MAX_HOST_CLUSTERS) {
      throw new ImageException(
          image.path, "file of " + hostClusters + " host clusters is too large to merge into");
    }
    HostSpace space = new HostSpace(bits, image.fileSize);
    space.reference(0, 1L << bits);
    space.reference(h.l1TableOffset(), Math.max(8L, h.l1Size() * 8L));
    if (h.crypto() != null) {
      space.reference(h.crypto().offset(), h.crypto().length());
    }
    long perL2 = 1L << (bits - 3);
    long clusters = ceilDiv(h.virtualSize(), 1L << bits);
    for (long l1 = 0; l1 * perL2 < clusters; l1++) {
      if (image.l1Empty(l1)) {
        continue;
      }
      space.reference(image.l2Offset(l1), 1L << bits);
      for (long c = l1 * perL2; c < Math.min(clusters, (l1 + 1) * perL2); c++) {
        long e = image.entry(c);
        if (L2Entry.compressed(e)) {
          space.reference(L2Entry.compressedOffset(e, bits), L2Entry.compressedLength(e, bits));
        } else if ((e & OFFSET_MASK) != 0) {
          space.reference(e & OFFSET_MASK, 1L << bits);
        }
      }
    }
    space.referenceRefcounts(image);
    return space;
  }

  private void referenceRefcounts(ImageFile image) throws IOException {
    Qcow2Header h = image.header;
    long tableBytes = (long) h.refcountTableClusters() << bits;
    reference(h.refcountTableOffset(), tableBytes);
    ByteBuffer table = ByteBuffer.allocate((int) tableBytes);
    image.readData(table, h.refcountTableOffset());
    for (int i = 0; i < tableBytes / 8; i++) {
      long at = table.getLong(i * 8) & ~511L;
      if (at != 0) {
        reference(at, 1L << bits);
      }
    }
  }

  private void reference(long offset, long length) {
    if (length <= 0) {
      return;
    }
    for (long c = offset >>> bits; c <= (offset + length - 1) >>> bits; c++) {
      if (c < refs.length && refs[(int) c] < Byte.MAX_VALUE) {
        refs[(int) c]++;
      }
    }
  }

  /** Whether exactly one table entry references the host cluster at {@code offset}. */
  boolean referencedOnce(long offset) {
    long c = offset >>> bits;
    return c < refs.length && refs[(int) c] == 1;
  }

  /** A cluster nobody references now and no earlier call handed out. */
  long allocate() {
    while (cursor < refs.length && (refs[(int) cursor] != 0 || taken.get((int) cursor))) {
      cursor++;
    }
    long c = cursor < refs.length ? cursor++ : end++;
    if (c < refs.length) {
      taken.set((int) c);
    }
    return c << bits;
  }

  /** {@code count} contiguous clusters at the end of the file. */
  long allocateAtEnd(long count) {
    long at = end << bits;
    end += count;
    return at;
  }

  /** Host offset just past everything handed out so far. */
  long end() {
    return end << bits;
  }
}
