package io.sendense.batch.backup;

import io.sendense.batch.port.ChangeTracking;
import io.sendense.batch.port.DiskTracking;
import io.sendense.plugin.api.source.DiskExtent;
import java.util.List;

/**
 * What one execution transfers of a disk: the ranges to read from the snapshot, the ranges the
 * source reports unallocated (zeros, never read) that the image must read as zeros, and whether
 * only what differs from the image's current content is stored (a content compare, or a restart
 * that re-reads what it cannot tell changed).
 *
 * @param read sorted ranges to read
 * @param zero sorted ranges to make zero where the image holds data (used with {@code compare})
 * @param compare whether to store only clusters that differ from what the image reads now
 * @param tracking how the disk's changes are found
 */
record TransferPlan(
    List<DiskExtent> read, List<DiskExtent> zero, boolean compare, DiskTracking tracking) {

  TransferPlan {
    read = List.copyOf(read);
    zero = List.copyOf(zero);
  }

  /** Bytes to read from the source. */
  long readBytes() {
    return Extents.bytes(read);
  }

  /** The part of the plan inside {@code [from, to)}. */
  TransferPlan clip(long from, long to) {
    return new TransferPlan(
        Extents.clip(read, from, to), Extents.clip(zero, from, to), compare, tracking);
  }

  /**
   * This plan together with {@code other}, which covers other offsets. Content compare is kept as
   * the disk's tracking once any part used it.
   */
  TransferPlan with(TransferPlan other) {
    DiskTracking t =
        other.tracking.mode() == ChangeTracking.CONTENT_COMPARE
                && tracking.mode() == ChangeTracking.CBT
            ? other.tracking
            : tracking;
    return new TransferPlan(
        Extents.union(read, other.read),
        Extents.union(zero, other.zero),
        compare || other.compare,
        t);
  }
}
