package io.sendense.batch.backup;

import io.sendense.plugin.api.source.DiskExtent;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups the blocks of a range list into items of at most {@code itemBytes}: changed areas are
 * often many small extents (64 KiB for CBT), and one item per extent would make chunks of a few
 * hundred KiB, each paying a checkpoint (metadata write and sync) of the image.
 */
final class BlockPacker {
  private final BlockCursor cursor;
  private final int itemBytes;
  private DiskExtent pending;

  BlockPacker(List<DiskExtent> ranges, int itemBytes) {
    this.cursor = new BlockCursor(ranges, itemBytes);
    this.itemBytes = itemBytes;
  }

  /** The extents of the next item, in disk order; empty at the end. */
  List<DiskExtent> next() {
    List<DiskExtent> item = new ArrayList<>();
    long bytes = 0;
    while (true) {
      DiskExtent e = pending != null ? pending : cursor.next();
      pending = null;
      if (e == null) {
        return item;
      }
      if (bytes + e.length() > itemBytes) {
        pending = e;
        return item;
      }
      item.add(e);
      bytes += e.length();
    }
  }
}
