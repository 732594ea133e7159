package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.GuestFsException;

/** The key of a directory index entry: a $FILE_NAME value. */
record FileName(long parent, String name, int namespace, long fileAttributes) {
  static final int POSIX = 0;
  static final int WIN32 = 1;
  static final int DOS = 2;
  static final long ATTR_DIRECTORY = 0x10000000L;

  static FileName parse(byte[] b, int at, int length) throws GuestFsException {
    if (length < 66) {
      throw new GuestFsException("NTFS $FILE_NAME of " + length + " bytes is too short");
    }
    int chars = Le.u8(b, at + 64);
    if (66 + 2 * chars > length) {
      throw new GuestFsException("NTFS $FILE_NAME name runs past its key");
    }
    return new FileName(
        Le.s64(b, at) & 0xffffffffffffL,
        Le.utf16(b, at + 66, chars),
        Le.u8(b, at + 65),
        Le.u32(b, at + 56));
  }

  boolean dosOnly() {
    return namespace == DOS;
  }
}
