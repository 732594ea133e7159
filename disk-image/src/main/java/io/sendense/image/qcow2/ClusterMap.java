package io.sendense.image.qcow2;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The writer's guest-to-host mapping: L2 tables in memory, created on first use, updated
 * atomically. It reaches the file only at a checkpoint or commit, which is what makes an
 * interrupted write harmless; each L2 table remembers whether it changed since it was last written.
 * Memory: one L2 table (one cluster) per touched L1 entry.
 */
final class ClusterMap {
  private final int l2Bits;
  private final AtomicReferenceArray<AtomicLongArray> tables;

  /**
   * Tables changed since the last {@link #takeDirty}. Set by writers (under the writer's read
   * lock), read and cleared by the checkpoint (under its write lock), so plain fields suffice.
   */
  private final boolean[] dirty;

  ClusterMap(int clusterBits, int l1Size) {
    this.l2Bits = clusterBits - 3;
    this.tables = new AtomicReferenceArray<>(l1Size);
    this.dirty = new boolean[l1Size];
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
    if (!dirty[l1]) {
      dirty[l1] = true;
    }
  }

  /** The L2 table of an L1 entry, or null if no entry in it was ever set. */
  AtomicLongArray table(int l1Index) {
    return tables.get(l1Index);
  }

  /** Whether the table changed since the last call; clears the mark. */
  boolean takeDirty(int l1Index) {
    boolean was = dirty[l1Index];
    dirty[l1Index] = false;
    return was;
  }

  /** Forgets every change mark (after loading tables that are already in the file). */
  void clearDirty() {
    java.util.Arrays.fill(dirty, false);
  }

  private int index(long cluster) {
    return (int) (cluster & ((1L << l2Bits) - 1));
  }
}
