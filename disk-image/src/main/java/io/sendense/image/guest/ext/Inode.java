package io.sendense.image.guest.ext;

import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.Le;
import java.time.Instant;

/** The fields of one ext inode this reader uses. */
record Inode(
    long number,
    int mode,
    long size,
    long flags,
    long blocks512,
    long fileAcl,
    Instant modified,
    byte[] iblock,
    byte[] raw) {
  static final long FLAG_ENCRYPT = 0x800;
  static final long FLAG_EXTENTS = 0x80000;
  static final long FLAG_INLINE_DATA = 0x10000000;

  static Inode parse(long number, byte[] b) {
    int mode = Le.u16(b, 0);
    long size = Le.u32(b, 4) | Le.u32(b, 0x6c) << 32;
    long seconds = (int) Le.u32(b, 0x10);
    long nanos = 0;
    if (b.length > 128) {
      int extra = Le.u16(b, 0x80);
      if (extra >= 12 && 128 + extra <= b.length) {
        long mtimeExtra = Le.u32(b, 0x88);
        seconds += (mtimeExtra & 3) << 32;
        nanos = Math.min(mtimeExtra >>> 2, 999_999_999);
      }
    }
    return new Inode(
        number,
        mode,
        size,
        Le.u32(b, 0x20),
        Le.u32(b, 0x1c),
        Le.u32(b, 0x68) | (long) Le.u16(b, 0x76) << 32,
        Instant.ofEpochSecond(seconds, nanos),
        java.util.Arrays.copyOfRange(b, 0x28, 0x28 + 60),
        b);
  }

  GuestEntry.Kind kind() {
    return switch (mode & 0xf000) {
      case 0x4000 -> GuestEntry.Kind.DIRECTORY;
      case 0x8000 -> GuestEntry.Kind.FILE;
      case 0xa000 -> GuestEntry.Kind.SYMLINK;
      default -> GuestEntry.Kind.OTHER;
    };
  }

  boolean has(long flag) {
    return (flags & flag) != 0;
  }

  /** A symlink whose target sits in the block pointers themselves. */
  boolean isFastSymlink(int blockSize) {
    if (has(FLAG_EXTENTS) || has(FLAG_INLINE_DATA) || size >= 60) {
      return false;
    }
    return blocks512 == 0 || fileAcl != 0 && blocks512 == blockSize / 512;
  }
}
