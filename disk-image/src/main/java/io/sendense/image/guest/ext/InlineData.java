package io.sendense.image.guest.ext;

import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.Le;

/**
 * Content stored inside the inode (the {@code inline_data} feature): the first 60 bytes in the
 * block pointers, the rest in the {@code system.data} extended attribute of the inode's extra
 * space. Attributes in a separate block are not read; such a file is reported as damaged.
 */
final class InlineData {
  private static final long XATTR_MAGIC = 0xea020000L;
  private static final int INDEX_SYSTEM = 7;

  private InlineData() {}

  static byte[] read(Inode inode, Superblock sb, String path) throws GuestFsException {
    long size = inode.size();
    if (size <= 60) {
      return java.util.Arrays.copyOf(inode.iblock(), (int) size);
    }
    byte[] rest = systemData(inode.raw(), path);
    if (size > 60 + rest.length) {
      throw new GuestFsException(path + ": inline data of " + size + " bytes is incomplete");
    }
    byte[] out = java.util.Arrays.copyOf(inode.iblock(), (int) size);
    System.arraycopy(rest, 0, out, 60, (int) size - 60);
    return out;
  }

  private static byte[] systemData(byte[] raw, String path) throws GuestFsException {
    if (raw.length <= 128) {
      throw new GuestFsException(path + ": inline data needs a large inode");
    }
    int start = 128 + Le.u16(raw, 0x80);
    if (start + 4 > raw.length || Le.u32(raw, start) != XATTR_MAGIC) {
      throw new GuestFsException(path + ": inline data attribute is missing");
    }
    int first = start + 4;
    for (int e = first; e + 16 <= raw.length && Le.u32(raw, e) != 0; ) {
      int nameLen = Le.u8(raw, e);
      int valueOff = Le.u16(raw, e + 2);
      long valueSize = Le.u32(raw, e + 8);
      if (e + 16 + nameLen > raw.length) {
        break;
      }
      String name = new String(raw, e + 16, nameLen, java.nio.charset.StandardCharsets.US_ASCII);
      if (Le.u8(raw, e + 1) == INDEX_SYSTEM && name.equals("data")) {
        if (Le.u32(raw, e + 4) != 0 || first + valueOff + valueSize > raw.length) {
          throw new GuestFsException(path + ": inline data attribute lies outside the inode");
        }
        return java.util.Arrays.copyOfRange(
            raw, first + valueOff, first + valueOff + (int) valueSize);
      }
      e += (16 + nameLen + 3) & ~3;
    }
    throw new GuestFsException(path + ": inline data attribute is missing");
  }
}
