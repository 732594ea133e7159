package io.sendense.image.guest.xfs;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The extents of an inode's data fork, from the inline extent list or from the block-map B+ tree
 * (depth at most {@value #MAX_DEPTH}), sorted and checked not to overlap.
 */
final class BlockMap {
  static final int MAX_DEPTH = 8;
  static final int MAX_EXTENTS = 1 << 21;
  private static final int BMA3 = 0x424d4133;
  private static final int LONG_HEADER = 72;

  private BlockMap() {}

  static List<Extent> extents(BlockDevice device, Superblock sb, Inode inode) throws IOException {
    List<Extent> out = new ArrayList<>();
    ByteBuffer fork = ByteBuffer.wrap(inode.fork());
    if (inode.format() == Inode.EXTENTS) {
      if (inode.extents() > inode.fork().length / 16) {
        throw new GuestFsException("XFS inode " + inode.number() + ": too many inline extents");
      }
      records(fork, 0, (int) inode.extents(), out);
    } else if (inode.format() == Inode.BTREE) {
      int level = fork.getShort(0) & 0xffff;
      int count = fork.getShort(2) & 0xffff;
      int maxRecs = (inode.fork().length - 4) / 16;
      if (level < 1 || level > MAX_DEPTH || count < 1 || count > maxRecs) {
        throw new GuestFsException("XFS inode " + inode.number() + ": bad block-map root");
      }
      for (int i = 0; i < count; i++) {
        node(device, sb, inode, fork.getLong(4 + maxRecs * 8 + i * 8), level - 1, out);
      }
    } else {
      throw new GuestFsException(
          "XFS inode "
              + inode.number()
              + ": data fork format "
              + inode.format()
              + " has no extents");
    }
    check(inode, out);
    return out;
  }

  private static void node(
      BlockDevice device, Superblock sb, Inode inode, long fsBlock, int level, List<Extent> out)
      throws IOException {
    String what = "XFS inode " + inode.number() + " block-map block " + fsBlock;
    ByteBuffer b = ByteBuffer.wrap(device.readBytes(sb.blockOffset(fsBlock), sb.blockSize()));
    if (b.getInt(0) != BMA3
        || (b.getShort(4) & 0xffff) != level
        || b.getLong(56) != inode.number()) {
      throw new GuestFsException(what + ": bad magic, level or owner");
    }
    int count = b.getShort(6) & 0xffff;
    int maxRecs = (sb.blockSize() - LONG_HEADER) / 16;
    if (count > maxRecs) {
      throw new GuestFsException(what + ": " + count + " records");
    }
    if (level == 0) {
      records(b, LONG_HEADER, count, out);
      return;
    }
    for (int i = 0; i < count; i++) {
      node(device, sb, inode, b.getLong(LONG_HEADER + maxRecs * 8 + i * 8), level - 1, out);
    }
  }

  private static void records(ByteBuffer b, int at, int count, List<Extent> out)
      throws GuestFsException {
    if (out.size() + count > MAX_EXTENTS) {
      throw new GuestFsException("XFS file has more than " + MAX_EXTENTS + " extents");
    }
    for (int i = 0; i < count; i++) {
      out.add(Extent.decode(b.getLong(at + 16 * i), b.getLong(at + 16 * i + 8)));
    }
  }

  private static void check(Inode inode, List<Extent> extents) throws GuestFsException {
    long end = 0;
    for (Extent e : extents) {
      if (e.count() == 0 || e.offset() < end) {
        throw new GuestFsException(
            "XFS inode " + inode.number() + ": extents overlap or are empty");
      }
      end = e.end();
    }
  }
}
