package io.sendense.image.guest.ext;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.ContentMap;
import io.sendense.image.guest.ContentRun;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.GuestNames;
import io.sendense.image.guest.Le;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the entries of an ext directory as linear blocks. Hashed (htree) directories read the same
 * way: their index blocks look like one empty entry spanning the block, and the leaf blocks hold
 * ordinary entries.
 */
final class DirectoryReader {
  /**
   * Most entries accepted in one directory: a listing is held in memory whole, so a hostile
   * directory claiming tens of millions of names must not exhaust the hub's heap.
   */
  static final int MAX_ENTRIES = 1_000_000;

  /** One raw entry: name and inode number. */
  record Dirent(String name, long inode) {}

  private final BlockDevice meta;
  private final Superblock sb;

  DirectoryReader(BlockDevice meta, Superblock sb) {
    this.meta = meta;
    this.sb = sb;
  }

  List<Dirent> read(long size, ContentMap map, String path) throws IOException {
    if (size > meta.size() || size % sb.blockSize() != 0) {
      throw new GuestFsException(path + ": directory size " + size + " is invalid");
    }
    List<Dirent> out = new ArrayList<>();
    long blocks = size / sb.blockSize();
    for (long block = 0; block < blocks; ) {
      ContentRun run = map.find(block);
      long end = Math.min(blocks, run.logical() + run.units());
      if (end <= block) {
        throw new GuestFsException(path + ": directory block map does not advance at " + block);
      }
      for (long b = block; b < end && !run.isHole(); b++) {
        long at = run.deviceOffset() + (b - run.logical()) * sb.blockSize();
        parse(meta.readBytes(at, sb.blockSize()), 0, sb.blockSize(), path, b, out);
      }
      block = end;
    }
    return out;
  }

  /** Parses entries in {@code b[from, to)} into {@code out}. */
  void parse(byte[] b, int from, int to, String path, long block, List<Dirent> out)
      throws GuestFsException {
    int off = from;
    while (off + 8 <= to) {
      long inode = Le.u32(b, off);
      int recLen = Le.u16(b, off + 4);
      if (sb.blockSize() >= 65536 && (recLen == 0 || recLen == 65535)) {
        recLen = 65536;
      }
      int nameLen = sb.fileType() ? Le.u8(b, off + 6) : Le.u16(b, off + 6);
      if (recLen < 8 || recLen % 4 != 0 || off + recLen > to || 8 + nameLen > recLen) {
        throw new GuestFsException(
            path
                + ": bad directory entry in block "
                + block
                + " at offset "
                + (off - from)
                + " (record length "
                + recLen
                + ", name length "
                + nameLen
                + ")");
      }
      if (inode != 0 && nameLen > 0) {
        String name = decode(b, off + 8, nameLen);
        if (!name.equals(".") && !name.equals("..")) {
          if (inode > sb.inodesCount()) {
            throw new GuestFsException(path + "/" + name + ": inode " + inode + " is out of range");
          }
          if (out.size() >= MAX_ENTRIES) {
            throw new GuestFsException(path + ": more than " + MAX_ENTRIES + " entries");
          }
          out.add(new Dirent(GuestNames.check(name, path), inode));
        }
      }
      off += recLen;
    }
  }

  /** UTF-8 as Linux guests write it; invalid bytes become U+FFFD. */
  private static String decode(byte[] b, int off, int len) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(java.nio.ByteBuffer.wrap(b, off, len))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
