package io.sendense.image.qcow2;

import java.io.IOException;

/**
 * Collects the compressed clusters of one write back to back, as qemu packs them, and stores them
 * with one write: compressing a disk then costs one write per few MiB, not one per cluster. A
 * compressed cluster may span host cluster boundaries; the format allows it.
 */
final class PackedBatch {
  private final int bits;
  private final byte[] bytes;
  private final long[] clusters;
  private final int[] offsets;
  private final int[] sizes;
  private int used;
  private int count;

  PackedBatch(int clusterBits) {
    this.bits = clusterBits;
    int cs = 1 << clusterBits;
    this.bytes = new byte[Math.max(FreshBatch.MAX_BYTES, cs)];
    int max = Math.max(1, bytes.length / 512);
    this.clusters = new long[max];
    this.offsets = new int[max];
    this.sizes = new int[max];
  }

  /** True if {@code size} more bytes fit. */
  boolean fits(int size) {
    return used + size <= bytes.length && count < clusters.length;
  }

  void add(long cluster, byte[] compressed, int size) {
    System.arraycopy(compressed, 0, bytes, used, size);
    clusters[count] = cluster;
    offsets[count] = used;
    sizes[count] = size;
    used += size;
    count++;
  }

  /** Writes the batch and hands each cluster's L2 entry to {@code publish}; then empties it. */
  void flush(ClusterStore store, Publisher publish) throws IOException {
    if (count == 0) {
      return;
    }
    long host = store.writePacked(bytes, used);
    for (int k = 0; k < count; k++) {
      publish.set(clusters[k], L2Entry.compressed(host + offsets[k], sizes[k], bits));
    }
    used = 0;
    count = 0;
  }

  /** Receives the new entry of a stored cluster. */
  interface Publisher {
    void set(long cluster, long entry);
  }
}
