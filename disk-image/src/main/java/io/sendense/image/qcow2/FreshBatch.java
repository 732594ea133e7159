package io.sendense.image.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Collects the new non-zero clusters of one write and stores them with as few writes as possible:
 * guest clusters need not be contiguous to get contiguous host space, so clusters separated by zero
 * clusters are packed into a staging buffer and written with one call. A write whose new clusters
 * are already contiguous in the caller's buffer is written from it directly.
 */
final class FreshBatch {
  /** Largest staging write; matches the chunk size of {@link DiskCopier}. */
  static final int MAX_BYTES = 8 << 20;

  private final int bits;
  private final int cs;
  private final long[] clusters;
  private final int[] positions;
  private final int[] lengths;
  private int count;

  FreshBatch(int clusterBits) {
    this.bits = clusterBits;
    this.cs = 1 << clusterBits;
    int max = Math.max(1, MAX_BYTES >> clusterBits);
    this.clusters = new long[max];
    this.positions = new int[max];
    this.lengths = new int[max];
  }

  boolean full() {
    return count == clusters.length;
  }

  void add(long cluster, int pos, int len) {
    clusters[count] = cluster;
    positions[count] = pos;
    lengths[count] = len;
    count++;
  }

  /** Writes the collected clusters; returns the host offset of the first (the rest follow). */
  long write(ClusterStore store, ByteBuffer src, ByteBuffer staging) throws IOException {
    if (contiguous()) {
      int total = positions[count - 1] - positions[0] + lengths[count - 1];
      return store.writeRun(count, src, positions[0], total);
    }
    staging.clear();
    for (int k = 0; k < count; k++) {
      staging.put(k << bits, src, positions[k], lengths[k]);
      for (int z = lengths[k]; z < cs; z += 8) {
        staging.putLong((k << bits) + z, 0);
      }
    }
    return store.writeRun(count, staging, 0, count << bits);
  }

  int count() {
    return count;
  }

  long cluster(int k) {
    return clusters[k];
  }

  void clear() {
    count = 0;
  }

  private boolean contiguous() {
    for (int k = 1; k < count; k++) {
      if (clusters[k] != clusters[0] + k || positions[k] != positions[0] + (k << bits)) {
        return false;
      }
    }
    return true;
  }
}
