package io.sendense.image.qcow2;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The writer's guest-to-host mapping: L2 tables in memory, created on first use, updated
 * atomically. It is written to the file only at a checkpoint or commit, which is what makes an
 * interrupted write harmless. Memory: one L2 table (one cluster) per touched L1 entry.
 */
final class ClusterMap {
  private final int l2Bits;
  private final AtomicReferenceArray<AtomicLongArray> tables;

  ClusterMap(int clusterBits, int l1Size) {
    this.l2Bits = clusterBits - 3;
    this.tables = new AtomicReferenceArray<>(l1Size);
  }

  int l1Size() {
    return tables.length();
  }

  long get(long cluster) {
    AtomicLongArray t = tables.get((int) (cluster >>> l2Bits));
    return t == null ? 0 : t.get(index(cluster));
  }

  void set(long cluster, long entry) {
    int l1 = (int) (cluster >>> l2Bits);
    AtomicLongArray t = tables.get(l1);
    if (t == null) {
      if (entry == 0) {
        return;
      }
      tables.compareAndSet(l1, null, new AtomicLongArray(1 << l2Bits));
      t = tables.get(l1);
    }
    t.set(index(cluster), entry);
  }

  /** The L2 table of an L1 entry, or null if no entry in it was ever set. */
  AtomicLongArray table(int l1Index) {
    return tables.get(l1Index);
  }

  private int index(long cluster) {
    return (int) (cluster & ((1L << l2Bits) - 1));
  }
}
