package io.sendense.image.guest.xfs;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/** Reads a byte range of a file through its extents: holes and unwritten extents are zeros. */
final class FileData {
  private final BlockDevice device;
  private final Superblock sb;
  private final Extent[] extents;
  private final long size;

  FileData(BlockDevice device, Superblock sb, List<Extent> extents, long size) {
    this.device = device;
    this.sb = sb;
    this.extents = extents.toArray(Extent[]::new);
    this.size = size;
  }

  long size() {
    return size;
  }

  void read(long pos, byte[] dst, int off, int len) throws IOException {
    if (pos < 0 || len < 0 || pos > size - len) {
      throw new GuestFsException("XFS read of " + len + " bytes at " + pos + " past " + size);
    }
    int bs = sb.blockSize();
    while (len > 0) {
      long fileBlock = pos / bs;
      int i = find(fileBlock);
      int n;
      if (i < 0) {
        int next = -i - 1;
        long holeEnd = next < extents.length ? extents[next].offset() * bs : Long.MAX_VALUE;
        n = (int) Math.min(len, holeEnd - pos);
        Arrays.fill(dst, off, off + n, (byte) 0);
      } else {
        Extent e = extents[i];
        n = (int) Math.min(len, e.end() * bs - pos);
        if (e.unwritten()) {
          Arrays.fill(dst, off, off + n, (byte) 0);
        } else {
          long blocks = e.block() + (fileBlock - e.offset());
          sb.blockOffset(e.block() + e.count() - 1);
          device.read(sb.blockOffset(blocks) + pos % bs, ByteBuffer.wrap(dst, off, n));
        }
      }
      pos += n;
      off += n;
      len -= n;
    }
  }

  /** Index of the extent holding {@code block}, or -(insertion point) - 1. */
  private int find(long block) {
    int lo = 0;
    int hi = extents.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (block < extents[mid].offset()) {
        hi = mid - 1;
      } else if (block >= extents[mid].end()) {
        lo = mid + 1;
      } else {
        return mid;
      }
    }
    return -lo - 1;
  }
}
