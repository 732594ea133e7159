package io.sendense.image.guest.xfs;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads symbolic link targets: inline in the inode, or in remote blocks with an XSLM header. */
final class Symlinks {
  private static final int MAX_PATH = 1024;
  private static final int XSLM = 0x58534c4d;
  private static final int HEADER = 56;

  private Symlinks() {}

  static String target(BlockDevice device, Superblock sb, Inode link) throws IOException {
    String what = "XFS symlink inode " + link.number();
    if (link.size() <= 0 || link.size() > MAX_PATH) {
      throw new GuestFsException(what + ": target of " + link.size() + " bytes");
    }
    int size = (int) link.size();
    if (link.format() == Inode.LOCAL) {
      if (size > link.fork().length) {
        throw new GuestFsException(what + ": inline target runs past the inode");
      }
      return new String(link.fork(), 0, size, StandardCharsets.UTF_8);
    }
    byte[] target = new byte[size];
    int filled = 0;
    for (Extent e : BlockMap.extents(device, sb, link)) {
      for (long i = 0; i < e.count() && filled < size; i++) {
        ByteBuffer b =
            ByteBuffer.wrap(device.readBytes(sb.blockOffset(e.block() + i), sb.blockSize()));
        int bytes = b.getInt(8);
        if (b.getInt(0) != XSLM
            || b.getInt(4) != filled
            || bytes <= 0
            || bytes > Math.min(size - filled, sb.blockSize() - HEADER)
            || b.getLong(32) != link.number()) {
          throw new GuestFsException(what + ": remote block has a bad header");
        }
        b.get(HEADER, target, filled, bytes);
        filled += bytes;
      }
    }
    if (filled != size) {
      throw new GuestFsException(
          what + ": remote blocks hold " + filled + " of " + size + " bytes");
    }
    return new String(target, StandardCharsets.UTF_8);
  }
}
