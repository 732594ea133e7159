package io.sendense.image.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Tells whether new data for a cluster differs from what the image being written reads there now:
 * its own cluster if it holds one (data, compressed or zero), else the parent chain's. Used for
 * content-compare incrementals, which read a whole disk but must store only what changed. Where the
 * new data is all zeros and neither this image nor the chain maps data, it answers without reading
 * anything.
 */
final class ChangeFilter {
  private final ClusterStore store;
  private final ClusterMap map;
  private final Qcow2Chain parent;
  private final int bits;
  private final long virtualSize;
  private final ThreadLocal<byte[]> current;

  ChangeFilter(ClusterStore store, ClusterMap map, Qcow2Chain parent, Qcow2Options options) {
    this.store = store;
    this.map = map;
    this.parent = parent;
    this.bits = options.clusterBits();
    this.virtualSize = options.virtualSize();
    int cs = options.clusterSize();
    this.current = ThreadLocal.withInitial(() -> new byte[cs]);
  }

  /**
   * Whether {@code len} bytes of {@code src} at {@code pos}, meant for byte {@code in} of {@code
   * cluster}, differ from the image's current content.
   *
   * @param zeros whether the caller knows the bytes are all zeros
   */
  boolean differs(long cluster, int in, ByteBuffer src, int pos, int len, boolean zeros)
      throws IOException {
    long entry = map.get(cluster);
    if (L2Entry.zero(entry) || (L2Entry.unallocated(entry) && parentReadsZero(cluster))) {
      return !(zeros || ClusterStore.isZero(src, pos, len));
    }
    byte[] now = current.get();
    if (!store.readOwn(entry, now)) {
      readParent(cluster, now);
    }
    if (zeros) {
      return !ClusterStore.isZero(ByteBuffer.wrap(now), in, len);
    }
    return ByteBuffer.wrap(now, in, len).mismatch(src.slice(pos, len)) >= 0;
  }

  private boolean parentReadsZero(long cluster) throws IOException {
    if (parent == null) {
      return true;
    }
    long start = cluster << bits;
    long end = Math.min(start + (1L << bits), Math.min(virtualSize, parent.virtualSize()));
    long[] entry = new long[1];
    int unit = parent.clusterBits();
    for (long u = start >>> unit; (u << unit) < end; u++) {
      if (parent.locate(u, entry) >= 0 && !L2Entry.zero(entry[0])) {
        return false;
      }
    }
    return true;
  }

  private void readParent(long cluster, byte[] dst) throws IOException {
    Arrays.fill(dst, (byte) 0);
    long start = cluster << bits;
    if (parent == null || start >= parent.virtualSize()) {
      return;
    }
    int len =
        (int) Math.min(Math.min(dst.length, virtualSize - start), parent.virtualSize() - start);
    parent.read(start, ByteBuffer.wrap(dst, 0, len));
  }
}
