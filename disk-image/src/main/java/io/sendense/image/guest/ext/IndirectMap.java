package io.sendense.image.guest.ext;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.ContentMap;
import io.sendense.image.guest.ContentRun;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.Le;
import java.io.IOException;

/**
 * ext2/ext3 block pointers: 12 direct, then single, double and triple indirect blocks. A run is
 * extended over neighbouring pointers of the same block that are contiguous; a zero pointer is a
 * hole as wide as the subtree it would have addressed.
 */
final class IndirectMap implements ContentMap {
  private static final int DIRECT = 12;

  private final BlockDevice meta;
  private final Superblock sb;
  private final long[] roots = new long[15];
  private final long perBlock;
  private final String path;

  IndirectMap(BlockDevice meta, Superblock sb, byte[] iblock, String path) {
    this.meta = meta;
    this.sb = sb;
    this.path = path;
    this.perBlock = sb.blockSize() / 4;
    for (int i = 0; i < 15; i++) {
      roots[i] = Le.u32(iblock, 4 * i);
    }
  }

  @Override
  public int unitSize() {
    return sb.blockSize();
  }

  @Override
  public ContentRun find(long logical) throws IOException {
    if (logical < DIRECT) {
      return run(roots, DIRECT, (int) logical, logical);
    }
    long rel = logical - DIRECT;
    long span = perBlock;
    for (int level = 1; level <= 3; level++) {
      if (rel < span) {
        return walk(roots[DIRECT + level - 1], level, rel, logical);
      }
      rel -= span;
      span *= perBlock;
    }
    throw new GuestFsException(path + ": block " + logical + " is beyond triple indirection");
  }

  /** {@code rel} is the position within the subtree of {@code block} at {@code level}. */
  private ContentRun walk(long block, int level, long rel, long logical) throws IOException {
    long childSpan = 1;
    for (int i = 1; i < level; i++) {
      childSpan *= perBlock;
    }
    while (true) {
      if (block == 0) {
        return ContentRun.hole(logical, childSpan * perBlock - rel);
      }
      check(block, 1);
      byte[] b = meta.readBytes(block * sb.blockSize(), sb.blockSize());
      long[] ptrs = new long[(int) perBlock];
      for (int i = 0; i < perBlock; i++) {
        ptrs[i] = Le.u32(b, 4 * i);
      }
      int index = (int) (rel / childSpan);
      if (level == 1) {
        return run(ptrs, (int) perBlock, index, logical);
      }
      block = ptrs[index];
      rel %= childSpan;
      level--;
      childSpan /= perBlock;
      if (block == 0) {
        return ContentRun.hole(logical, childSpan * perBlock - rel);
      }
    }
  }

  /** The run at {@code ptrs[index]}, extended over contiguous (or zero) neighbours up to end. */
  private ContentRun run(long[] ptrs, int end, int index, long logical) throws GuestFsException {
    long first = ptrs[index];
    int n = 1;
    while (index + n < end && (first == 0 ? ptrs[index + n] == 0 : ptrs[index + n] == first + n)) {
      n++;
    }
    if (first == 0) {
      return ContentRun.hole(logical, n);
    }
    check(first, n);
    return new ContentRun(logical, first * sb.blockSize(), n);
  }

  private void check(long block, long count) throws GuestFsException {
    if (block < 1 || block > sb.blocksCount() - count) {
      throw new GuestFsException(
          path + ": block pointer " + block + " lies outside the file system");
    }
  }
}
