package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.GuestFsException;

/** Bounds-checked little-endian reads from a byte array; a read past the end is corruption. */
final class Le {
  private Le() {}

  static int u8(byte[] b, int at) throws GuestFsException {
    check(b, at, 1);
    return b[at] & 0xff;
  }

  static int u16(byte[] b, int at) throws GuestFsException {
    check(b, at, 2);
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  static long u32(byte[] b, int at) throws GuestFsException {
    check(b, at, 4);
    return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xffffffffL;
  }

  static long s64(byte[] b, int at) throws GuestFsException {
    check(b, at, 8);
    return u32(b, at) | u32(b, at + 4) << 32;
  }

  /** Reads a UTF-16LE string of {@code chars} characters. */
  static String utf16(byte[] b, int at, int chars) throws GuestFsException {
    check(b, at, chars * 2);
    return new String(b, at, chars * 2, java.nio.charset.StandardCharsets.UTF_16LE);
  }

  static void check(byte[] b, int at, int len) throws GuestFsException {
    if (at < 0 || len < 0 || at > b.length - len) {
      throw new GuestFsException(
          "NTFS structure points outside its record (" + at + "+" + len + " > " + b.length + ")");
    }
  }
}
