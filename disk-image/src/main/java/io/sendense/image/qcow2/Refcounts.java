package io.sendense.image.qcow2;

import java.nio.ByteBuffer;

/**
 * Reference counts of host clusters (16-bit, refcount_order 4), computed from what the image really
 * references rather than tracked incrementally. Because it is rebuilt from the mapping at every
 * checkpoint and commit, replaced clusters can never show up as leaks.
 */
final class Refcounts {
  static final int ORDER = 4;
  private static final int MAX = 0xffff;

  private final int clusterBits;
  private int[] counts;

  Refcounts(int clusterBits, long fileEnd) {
    this.clusterBits = clusterBits;
    this.counts = new int[(int) Qcow2Format.ceilDiv(fileEnd, 1L << clusterBits) + 16];
  }

  /** Adds one reference to each cluster touched by {@code [offset, offset + length)}. */
  void add(long offset, long length) {
    long first = offset >>> clusterBits;
    long last = (offset + length - 1) >>> clusterBits;
    for (long c = first; c <= last; c++) {
      grow(c);
      if (++counts[(int) c] > MAX) {
        throw new IllegalStateException("refcount of host cluster " + c + " exceeds " + MAX);
      }
    }
  }

  private void grow(long cluster) {
    if (cluster >= counts.length) {
      counts = java.util.Arrays.copyOf(counts, (int) Math.max(cluster + 1, counts.length * 2L));
    }
  }

  /** Refcount blocks needed to cover {@code clusters} host clusters. */
  int blocksFor(long clusters) {
    return (int) Qcow2Format.ceilDiv(clusters, entriesPerBlock());
  }

  int entriesPerBlock() {
    return (1 << clusterBits) * 8 / (1 << ORDER);
  }

  /** Encodes refcount block {@code index}. */
  ByteBuffer block(int index) {
    int per = entriesPerBlock();
    ByteBuffer b = ByteBuffer.allocate(1 << clusterBits);
    long base = (long) index * per;
    for (int i = 0; i < per && base + i < counts.length; i++) {
      b.putShort(i * 2, (short) counts[(int) (base + i)]);
    }
    return b;
  }
}
