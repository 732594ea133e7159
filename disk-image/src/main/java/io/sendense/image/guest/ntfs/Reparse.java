package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.GuestFsException;

/** Reads the target of a symbolic link or junction from a $REPARSE_POINT value. */
final class Reparse {
  static final long SYMLINK = 0xA000000CL;
  static final long MOUNT_POINT = 0xA0000003L;

  private Reparse() {}

  /** The link target, or {@code null} for reparse points that are not links. */
  static String target(byte[] b) throws GuestFsException {
    long tag = Le.u32(b, 0);
    if (tag != SYMLINK && tag != MOUNT_POINT) {
      return null;
    }
    int buffer = tag == SYMLINK ? 20 : 16;
    int subOffset = Le.u16(b, 8);
    int subLength = Le.u16(b, 10);
    int printOffset = Le.u16(b, 12);
    int printLength = Le.u16(b, 14);
    if (printLength > 0) {
      return Le.utf16(b, buffer + printOffset, printLength / 2);
    }
    String target = Le.utf16(b, buffer + subOffset, subLength / 2);
    return target.startsWith("\\??\\") ? target.substring(4) : target;
  }
}
