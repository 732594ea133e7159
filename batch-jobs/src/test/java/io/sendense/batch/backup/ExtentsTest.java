package io.sendense.batch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sendense.plugin.api.source.DiskExtent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtentsTest {

  private static DiskExtent e(long offset, long length) {
    return new DiskExtent(offset, length);
  }

  @Test
  void clipKeepsOnlyTheWindow() {
    List<DiskExtent> list = List.of(e(0, 10), e(20, 10), e(40, 10));
    assertEquals(List.of(e(5, 5), e(20, 10), e(40, 2)), Extents.clip(list, 5, 42));
    assertEquals(List.of(), Extents.clip(list, 10, 20));
  }

  @Test
  void unionMergesOverlappingAndTouchingExtents() {
    List<DiskExtent> a = List.of(e(0, 10), e(30, 5));
    List<DiskExtent> b = List.of(e(10, 5), e(32, 10), e(100, 1));
    assertEquals(List.of(e(0, 15), e(30, 12), e(100, 1)), Extents.union(a, b));
    assertEquals(28, Extents.bytes(Extents.union(a, b)));
  }

  @Test
  void wholeOfAnEmptyDiskIsEmpty() {
    assertEquals(List.of(), Extents.whole(0));
    assertEquals(List.of(e(0, 512)), Extents.whole(512));
  }

  @Test
  void cursorSplitsRangesIntoBlocksInOrder() {
    BlockCursor cursor = new BlockCursor(List.of(e(0, 25), e(100, 10)), 10);
    List<DiskExtent> blocks = new ArrayList<>();
    for (DiskExtent b = cursor.next(); b != null; b = cursor.next()) {
      blocks.add(b);
    }
    assertEquals(List.of(e(0, 10), e(10, 10), e(20, 5), e(100, 10)), blocks);
    assertNull(cursor.next());
  }

  @Test
  void packerFillsItemsWithWholeBlocksUpToTheLimit() {
    BlockPacker packer =
        new BlockPacker(List.of(e(0, 4), e(10, 4), e(20, 25), e(50, 3)), List.of(), 10);
    assertEquals(List.of(read(0, 4), read(10, 4)), packer.next());
    assertEquals(List.of(read(20, 10)), packer.next());
    assertEquals(List.of(read(30, 10)), packer.next());
    assertEquals(List.of(read(40, 5), read(50, 3)), packer.next());
    assertEquals(List.of(), packer.next());
  }

  @Test
  void packerInterleavesZeroRangesInDiskOrderWithTheirOwnLargerBudget() {
    BlockPacker packer =
        new BlockPacker(List.of(e(0, 4), e(2000, 10)), List.of(e(4, 1996), e(2010, 5)), 10);
    assertEquals(List.of(read(0, 4), zero(4, 640)), packer.next());
    assertEquals(List.of(zero(644, 640)), packer.next());
    assertEquals(List.of(zero(1284, 640)), packer.next());
    assertEquals(List.of(zero(1924, 76), read(2000, 10), zero(2010, 5)), packer.next());
    assertEquals(List.of(), packer.next());
  }

  @Test
  void complementIsWhatNoExtentCovers() {
    assertEquals(
        List.of(e(0, 5), e(20, 10), e(40, 60)),
        Extents.complement(List.of(e(5, 10), e(10, 10), e(30, 10)), 100));
    assertEquals(List.of(), Extents.complement(List.of(e(0, 100)), 100));
    assertEquals(List.of(e(0, 100)), Extents.complement(List.of(), 100));
  }

  private static BlockPacker.Piece read(long offset, long length) {
    return new BlockPacker.Piece(e(offset, length), false);
  }

  private static BlockPacker.Piece zero(long offset, long length) {
    return new BlockPacker.Piece(e(offset, length), true);
  }
}
