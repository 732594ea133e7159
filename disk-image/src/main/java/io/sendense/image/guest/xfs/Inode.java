package io.sendense.image.guest.xfs;

import io.sendense.image.guest.GuestFsException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** A v3 inode core and its data fork bytes. */
record Inode(
    long number, int mode, int format, long size, Instant mtime, long extents, byte[] fork) {
  static final int LOCAL = 1;
  static final int EXTENTS = 2;
  static final int BTREE = 3;
  static final int CORE = 176;
  private static final long BIGTIME = 1L << 3;
  private static final long NREXT64 = 1L << 4;
  private static final long BIGTIME_EPOCH = -(1L << 31);

  static Inode parse(long number, byte[] raw, Superblock sb) throws GuestFsException {
    ByteBuffer b = ByteBuffer.wrap(raw);
    String what = "XFS inode " + number;
    if (b.getShort(0) != 0x494e || b.get(4) != 3) {
      throw new GuestFsException(what + ": no v3 inode magic");
    }
    int stored = Integer.reverseBytes(b.getInt(100));
    byte[] copy = raw.clone();
    ByteBuffer.wrap(copy).putInt(100, 0);
    CRC32C crc = new CRC32C();
    crc.update(copy);
    if ((int) crc.getValue() != stored) {
      throw new GuestFsException(what + ": checksum does not match");
    }
    if (b.getLong(152) != number) {
      throw new GuestFsException(what + ": records another inode number " + b.getLong(152));
    }
    long flags2 = b.getLong(120);
    long size = b.getLong(56);
    long extents = (flags2 & NREXT64) != 0 ? b.getLong(24) : b.getInt(76) & 0xffffffffL;
    int forkOff = b.get(82) & 0xff;
    int forkSize = forkOff == 0 ? raw.length - CORE : forkOff * 8;
    if (size < 0 || forkSize > raw.length - CORE) {
      throw new GuestFsException(what + ": size " + size + " or fork offset " + forkOff);
    }
    Instant mtime = time(b.getLong(40), (flags2 & BIGTIME) != 0);
    return new Inode(
        number,
        b.getShort(2) & 0xffff,
        b.get(5),
        size,
        mtime,
        extents,
        Arrays.copyOfRange(raw, CORE, CORE + forkSize));
  }

  private static Instant time(long raw, boolean bigtime) {
    if (bigtime) {
      return Instant.ofEpochSecond(
          BIGTIME_EPOCH + Long.divideUnsigned(raw, 1_000_000_000L),
          Long.remainderUnsigned(raw, 1_000_000_000L));
    }
    return Instant.ofEpochSecond(raw >> 32, Math.min(raw & 0xffffffffL, 999_999_999L));
  }

  int type() {
    return mode & 0xf000;
  }

  boolean directory() {
    return type() == 0x4000;
  }

  boolean regular() {
    return type() == 0x8000;
  }

  boolean symlink() {
    return type() == 0xa000;
  }
}
