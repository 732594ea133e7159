package io.sendense.image.guest.ext;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.ContentMap;
import io.sendense.image.guest.ContentRun;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.Le;
import java.io.IOException;

/**
 * An ext4 extent tree: finds the extent (or hole) holding a logical block by walking from the root
 * in the inode down at most {@link #MAX_DEPTH} levels, checking each node's header.
 */
final class ExtentMap implements ContentMap {
  static final int MAX_DEPTH = 5;

  /** Logical block numbers are 32-bit. */
  static final long LOGICAL_LIMIT = 1L << 32;

  private final BlockDevice meta;
  private final Superblock sb;
  private final byte[] root;
  private final String path;

  ExtentMap(BlockDevice meta, Superblock sb, byte[] root, String path) {
    this.meta = meta;
    this.sb = sb;
    this.root = root;
    this.path = path;
  }

  @Override
  public int unitSize() {
    return sb.blockSize();
  }

  @Override
  public ContentRun find(long logical) throws IOException {
    byte[] node = root;
    int depth = header(node, -1);
    long limit = LOGICAL_LIMIT;
    while (true) {
      int entries = Le.u16(node, 2);
      if (depth == 0) {
        return leaf(node, entries, logical, limit);
      }
      int pick = -1;
      for (int i = 0; i < entries; i++) {
        if (Le.u32(node, 12 + 12 * i) <= logical) {
          pick = i;
        }
      }
      if (pick < 0) {
        long first = entries == 0 ? limit : Le.u32(node, 12);
        return ContentRun.hole(logical, Math.max(1, first - logical));
      }
      int e = 12 + 12 * pick;
      if (pick + 1 < entries) {
        limit = Math.min(limit, Le.u32(node, e + 12));
      }
      long child = Le.u32(node, e + 4) | (long) Le.u16(node, e + 8) << 32;
      checkBlocks(child, 1);
      node = meta.readBytes(child * sb.blockSize(), sb.blockSize());
      depth = header(node, depth - 1);
    }
  }

  private ContentRun leaf(byte[] node, int entries, long logical, long limit) throws IOException {
    long next = limit;
    for (int i = 0; i < entries; i++) {
      int e = 12 + 12 * i;
      long start = Le.u32(node, e);
      int len = Le.u16(node, e + 4);
      boolean uninit = len > 32768;
      long count = uninit ? len - 32768 : len;
      if (logical >= start && logical < start + count) {
        long phys = (long) Le.u16(node, e + 6) << 32 | Le.u32(node, e + 8);
        checkBlocks(phys, count);
        return uninit
            ? ContentRun.hole(start, count)
            : new ContentRun(start, phys * sb.blockSize(), count);
      }
      if (start > logical) {
        next = Math.min(next, start);
      }
    }
    return ContentRun.hole(logical, Math.max(1, next - logical));
  }

  /** Checks a node header; returns its depth. */
  private int header(byte[] node, int expectedDepth) throws GuestFsException {
    if (Le.u16(node, 0) != 0xf30a) {
      throw new GuestFsException(path + ": bad extent header magic");
    }
    int entries = Le.u16(node, 2);
    int max = Le.u16(node, 4);
    int depth = Le.u16(node, 6);
    if (entries > max || 12 + 12L * max > node.length) {
      throw new GuestFsException(path + ": extent node claims " + entries + "/" + max + " entries");
    }
    if (depth > MAX_DEPTH || expectedDepth >= 0 && depth != expectedDepth) {
      throw new GuestFsException(path + ": extent tree depth " + depth + " is invalid");
    }
    return depth;
  }

  private void checkBlocks(long block, long count) throws GuestFsException {
    if (block < 1 || count < 0 || block > sb.blocksCount() - count) {
      throw new GuestFsException(
          path + ": extent at block " + block + " (+" + count + ") lies outside the file system");
    }
  }
}
