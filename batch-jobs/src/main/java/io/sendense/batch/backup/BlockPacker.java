package io.sendense.batch.backup;

import io.sendense.plugin.api.source.DiskExtent;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups a transfer plan's ranges into items, in disk order: ranges to read in blocks of at most
 * {@code itemBytes} per item, ranges to make zero (never read, so they cost no memory) in pieces of
 * up to {@link #ZERO_FACTOR} times that. Changed areas are often many small extents (64 KiB for
 * CBT), and one item per extent would make chunks of a few hundred KiB, each paying a checkpoint
 * (metadata write and sync) of the image.
 */
final class BlockPacker {
  static final int ZERO_FACTOR = 64;

  /** One piece of an item: an extent to read, or one to make zero without reading. */
  record Piece(DiskExtent extent, boolean zero) {}

  private final Cursor read;
  private final Cursor zero;
  private final int itemBytes;

  BlockPacker(List<DiskExtent> read, List<DiskExtent> zero, int itemBytes) {
    this.read = new Cursor(new BlockCursor(read, itemBytes));
    this.zero = new Cursor(new BlockCursor(zero, itemBytes * ZERO_FACTOR));
    this.itemBytes = itemBytes;
  }

  /** The pieces of the next item, in disk order; empty at the end. */
  List<Piece> next() {
    List<Piece> item = new ArrayList<>();
    long readBytes = 0;
    long zeroBytes = 0;
    while (true) {
      DiskExtent r = read.peek();
      DiskExtent z = zero.peek();
      if (r == null && z == null) {
        return item;
      }
      boolean isZero = r == null || (z != null && z.offset() < r.offset());
      DiskExtent e = isZero ? z : r;
      long used = isZero ? zeroBytes : readBytes;
      long budget = isZero ? (long) itemBytes * ZERO_FACTOR : itemBytes;
      if (!item.isEmpty() && used + e.length() > budget) {
        return item;
      }
      (isZero ? zero : read).take();
      item.add(new Piece(e, isZero));
      if (isZero) {
        zeroBytes += e.length();
      } else {
        readBytes += e.length();
      }
    }
  }

  /** A block cursor with one block of look-ahead. */
  private static final class Cursor {
    private final BlockCursor blocks;
    private DiskExtent head;

    Cursor(BlockCursor blocks) {
      this.blocks = blocks;
      this.head = blocks.next();
    }

    DiskExtent peek() {
      return head;
    }

    void take() {
      head = blocks.next();
    }
  }
}
