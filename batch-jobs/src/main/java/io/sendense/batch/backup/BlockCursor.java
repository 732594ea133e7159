package io.sendense.batch.backup;

import io.sendense.plugin.api.source.DiskExtent;
import java.util.List;

/**
 * Walks a sorted range list in blocks of at most {@code blockSize} bytes, so the reader can hand
 * the batch runtime one block per item and name its position for the checkpoint.
 */
final class BlockCursor {
  private final List<DiskExtent> ranges;
  private final int blockSize;
  private int index;
  private long next;

  BlockCursor(List<DiskExtent> ranges, int blockSize) {
    if (blockSize <= 0) {
      throw new IllegalArgumentException("block size must be positive: " + blockSize);
    }
    this.ranges = List.copyOf(ranges);
    this.blockSize = blockSize;
    this.next = ranges.isEmpty() ? 0 : ranges.get(0).offset();
  }

  /** The next block to read, or null at the end. */
  DiskExtent next() {
    if (index >= ranges.size()) {
      return null;
    }
    DiskExtent range = ranges.get(index);
    long length = Math.min(blockSize, range.end() - next);
    DiskExtent block = new DiskExtent(next, length);
    next += length;
    if (next >= range.end()) {
      index++;
      next = index < ranges.size() ? ranges.get(index).offset() : next;
    }
    return block;
  }
}
