package io.sendense.image.guest.xfs;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the names of an XFS directory: short-form (inline in the inode) or the data blocks of
 * block, leaf and node directories. Leaf and free-index blocks live at or past XFS_DIR2_LEAF_OFFSET
 * and are never read.
 */
final class DirectoryReader {
  static final long LEAF_OFFSET = 1L << 35;

  /** Most entries accepted in one directory (a listing is held in memory whole). */
  static final int MAX_ENTRIES = 1_000_000;

  private static final int XDB3 = 0x58444233;
  private static final int XDD3 = 0x58444433;
  private static final int HEADER = 64;

  private DirectoryReader() {}

  static List<DirEntry> entries(BlockDevice device, Superblock sb, Inode dir) throws IOException {
    if (dir.format() == Inode.LOCAL) {
      return shortForm(sb, dir);
    }
    List<Extent> extents = BlockMap.extents(device, sb, dir);
    FileData data = new FileData(device, sb, extents, LEAF_OFFSET);
    int dbs = sb.dirBlockSize();
    List<DirEntry> out = new ArrayList<>();
    long last = -1;
    for (Extent e : extents) {
      long from = e.offset() * sb.blockSize() / dbs;
      long to = Math.min(e.end() * sb.blockSize(), LEAF_OFFSET);
      for (long db = Math.max(from, last + 1); db * dbs < to; db++) {
        byte[] block = new byte[dbs];
        data.read(db * dbs, block, 0, dbs);
        dataBlock(ByteBuffer.wrap(block), sb, dir, out);
        last = db;
      }
    }
    return out;
  }

  private static void dataBlock(ByteBuffer b, Superblock sb, Inode dir, List<DirEntry> out)
      throws GuestFsException {
    String what = "XFS directory inode " + dir.number();
    int magic = b.getInt(0);
    if ((magic != XDB3 && magic != XDD3) || b.getLong(40) != dir.number()) {
      throw new GuestFsException(what + ": data block has a bad magic or owner");
    }
    int end = b.capacity();
    if (magic == XDB3) {
      long leaves = b.getInt(end - 8) & 0xffffffffL;
      if (leaves > (end - HEADER) / 8) {
        throw new GuestFsException(what + ": block tail counts " + leaves + " leaves");
      }
      end -= 8 + (int) leaves * 8;
    }
    int at = HEADER;
    while (at < end) {
      int size;
      if ((b.getShort(at) & 0xffff) == 0xffff) {
        size = b.getShort(at + 2) & 0xffff;
      } else {
        int nameLen = b.get(at + 8) & 0xff;
        size = (8 + 1 + nameLen + (sb.ftype() ? 1 : 0) + 2 + 7) & ~7;
        if (nameLen == 0 || at + size > end) {
          throw new GuestFsException(what + ": entry runs past its block");
        }
        add(out, name(b, at + 9, nameLen), b.getLong(at), what);
      }
      if (size < 8 || (size & 7) != 0) {
        throw new GuestFsException(what + ": entry of " + size + " bytes");
      }
      at += size;
    }
  }

  private static List<DirEntry> shortForm(Superblock sb, Inode dir) throws GuestFsException {
    String what = "XFS directory inode " + dir.number();
    ByteBuffer b = ByteBuffer.wrap(dir.fork());
    try {
      int count = b.get(0) & 0xff;
      int inoSize = b.get(1) == 0 ? 4 : 8;
      int at = 2 + inoSize;
      List<DirEntry> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int nameLen = b.get(at) & 0xff;
        String name = name(b, at + 3, nameLen);
        at += 3 + nameLen + (sb.ftype() ? 1 : 0);
        long ino = inoSize == 4 ? b.getInt(at) & 0xffffffffL : b.getLong(at);
        at += inoSize;
        add(out, name, ino, what);
      }
      return out;
    } catch (IndexOutOfBoundsException e) {
      throw new GuestFsException(what + ": short-form entries run past the inode", e);
    }
  }

  private static void add(List<DirEntry> out, String name, long ino, String what)
      throws GuestFsException {
    if (name.equals(".") || name.equals("..")) {
      return;
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || out.size() >= MAX_ENTRIES) {
      throw new GuestFsException(what + ": invalid name or too many entries");
    }
    out.add(new DirEntry(name, ino));
  }

  private static String name(ByteBuffer b, int at, int len) {
    byte[] bytes = new byte[len];
    b.get(at, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
