package io.sendense.image.qcow2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link AllocationMap} of a chain. Skips whole L2 tables that no image of the chain
 * has, so mapping a large sparse disk costs time in proportion to what is allocated.
 */
final class ChainMapper {
  private final Qcow2Chain chain;
  private final List<AllocatedRange> ranges = new ArrayList<>();
  private final long[] found = new long[1];

  ChainMapper(Qcow2Chain chain) {
    this.chain = chain;
  }

  AllocationMap map() throws IOException {
    int bits = chain.clusterBits();
    long clusters = Qcow2Format.ceilDiv(chain.virtualSize(), 1L << bits);
    long perL2 = 1L << (bits - 3);
    for (long c = 0; c < clusters; c++) {
      if (c % perL2 == 0 && chain.noneAllocated(c / perL2)) {
        c += perL2 - 1;
        continue;
      }
      int depth = chain.locate(c, found);
      if (depth >= 0) {
        add(c << bits, depth, L2Entry.zero(found[0]));
      }
    }
    return new AllocationMap(chain.virtualSize(), ranges);
  }

  private void add(long start, int depth, boolean zero) {
    long length = Math.min(1L << chain.clusterBits(), chain.virtualSize() - start);
    if (!ranges.isEmpty()) {
      AllocatedRange last = ranges.get(ranges.size() - 1);
      if (last.end() == start && last.depth() == depth && last.zero() == zero) {
        ranges.set(
            ranges.size() - 1,
            new AllocatedRange(last.start(), last.length() + length, zero, depth, last.file()));
        return;
      }
    }
    ranges.add(new AllocatedRange(start, length, zero, depth, chain.images().get(depth)));
  }
}
