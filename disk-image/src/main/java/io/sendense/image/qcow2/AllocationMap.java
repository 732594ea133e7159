package io.sendense.image.qcow2;

import java.util.List;

/**
 * The allocated ranges of a chain, in guest order, adjacent ranges of the same kind and image
 * merged. Guest bytes outside every range are unallocated in the whole chain and read as zeros.
 */
public record AllocationMap(long virtualSize, List<AllocatedRange> ranges) {
  public AllocationMap {
    ranges = List.copyOf(ranges);
  }

  /** Bytes in ranges that hold data (not zero clusters). */
  public long dataBytes() {
    return ranges.stream().filter(r -> !r.zero()).mapToLong(AllocatedRange::length).sum();
  }
}
