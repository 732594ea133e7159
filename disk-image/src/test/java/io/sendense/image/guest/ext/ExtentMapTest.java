package io.sendense.image.guest.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.image.guest.ContentRun;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Extents whose physical block lies above 2^32 (file systems of more than 16 TiB at 4 KiB). */
class ExtentMapTest {
  private static final int BLOCK = 4096;

  /** An inode's extent root with one leaf extent: logical 0..7 at physical {@code physical}. */
  private static byte[] root(long physical) {
    ByteBuffer node = ByteBuffer.allocate(60).order(ByteOrder.LITTLE_ENDIAN);
    node.putShort((short) 0xf30a).putShort((short) 1).putShort((short) 4).putShort((short) 0);
    node.putInt(0);
    node.putInt(0).putShort((short) 8).putShort((short) (physical >>> 32));
    node.putInt((int) physical);
    return node.array();
  }

  private static Superblock superblock(long blocks) {
    return new Superblock("ext4", "", BLOCK, blocks, 0, 32768, 8192, 8192, 256, 64, true);
  }

  @Test
  void physicalBlocksAbove2To32AreReadWithTheirHighBits() throws Exception {
    long physical = (3L << 32) + 5;
    ExtentMap map = new ExtentMap(null, superblock(1L << 36), root(physical), "/big");
    assertEquals(new ContentRun(0, physical * BLOCK, 8), map.find(0));
  }

  @Test
  void physicalBlocksBelow2To32AreUnchanged() throws Exception {
    ExtentMap map = new ExtentMap(null, superblock(1L << 20), root(1234), "/small");
    assertEquals(new ContentRun(0, 1234L * BLOCK, 8), map.find(3));
  }
}
