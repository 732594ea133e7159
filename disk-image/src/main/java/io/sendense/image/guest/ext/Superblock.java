package io.sendense.image.guest.ext;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.Le;
import io.sendense.image.guest.UnsupportedContentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The fields of an ext2/3/4 superblock this reader needs, validated against the device. */
record Superblock(
    String type,
    String label,
    int blockSize,
    long blocksCount,
    long firstDataBlock,
    long blocksPerGroup,
    long inodesPerGroup,
    long inodesCount,
    int inodeSize,
    int descSize,
    boolean fileType) {
  static final int OFFSET = 1024;
  static final int MAGIC = 0xef53;

  static final long INCOMPAT_FILETYPE = 0x2;
  static final long INCOMPAT_EXTENTS = 0x40;
  static final long INCOMPAT_64BIT = 0x80;
  static final long INCOMPAT_FLEX_BG = 0x200;
  static final long INCOMPAT_INLINE_DATA = 0x8000;

  /**
   * filetype, recover, extents, 64bit, mmp, flex_bg, ea_inode, csum_seed, largedir, inline,
   * encrypt, casefold.
   */
  private static final long INCOMPAT_KNOWN =
      0x2 | 0x4 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x2000 | 0x4000 | 0x8000 | 0x10000
          | 0x20000;

  private static final long RO_COMPAT_BIGALLOC = 0x200;

  /** huge_file, gdt_csum, dir_nlink, extra_isize, metadata_csum. */
  private static final long RO_COMPAT_EXT4 = 0x8 | 0x10 | 0x20 | 0x40 | 0x400;

  private static final long COMPAT_HAS_JOURNAL = 0x4;

  static boolean matches(BlockDevice device) throws IOException {
    return device.size() >= OFFSET + 1024 && Le.u16(device.readBytes(OFFSET + 0x38, 2), 0) == MAGIC;
  }

  static Superblock read(BlockDevice device) throws IOException {
    byte[] s = device.readBytes(OFFSET, 1024);
    long logBlock = Le.u32(s, 0x18);
    if (logBlock > 6) {
      throw new GuestFsException(
          "superblock: block size 2^" + (10 + logBlock) + " is out of range");
    }
    int blockSize = 1024 << logBlock;
    long incompat = Le.u32(s, 0x60);
    long roCompat = Le.u32(s, 0x64);
    if ((incompat & ~INCOMPAT_KNOWN) != 0) {
      throw new UnsupportedContentException(
          String.format(
              "ext4: incompatible features 0x%x are not supported", incompat & ~INCOMPAT_KNOWN));
    }
    if ((roCompat & RO_COMPAT_BIGALLOC) != 0) {
      throw new UnsupportedContentException("ext4: bigalloc file systems are not supported");
    }
    boolean is64 = (incompat & INCOMPAT_64BIT) != 0;
    long blocks = Le.u32(s, 0x4) | (is64 ? Le.u32(s, 0x150) << 32 : 0);
    long revision = Le.u32(s, 0x4c);
    int inodeSize = revision == 0 ? 128 : Le.u16(s, 0x58);
    int descSize = is64 ? Le.u16(s, 0xfe) : 32;
    Superblock sb =
        new Superblock(
            type(incompat, roCompat, Le.u32(s, 0x5c)),
            label(s),
            blockSize,
            blocks,
            Le.u32(s, 0x14),
            Le.u32(s, 0x20),
            Le.u32(s, 0x28),
            Le.u32(s, 0x0),
            inodeSize,
            descSize,
            (incompat & INCOMPAT_FILETYPE) != 0);
    sb.validate(device.size());
    return sb;
  }

  private void validate(long deviceSize) throws GuestFsException {
    check(
        blocksCount > firstDataBlock && blocksCount <= deviceSize / blockSize,
        blocksCount
            + " blocks of "
            + blockSize
            + " bytes do not fit the "
            + deviceSize
            + "-byte device");
    check(firstDataBlock <= 1, "first data block " + firstDataBlock);
    check(
        blocksPerGroup > 0 && blocksPerGroup <= 8L * blockSize,
        blocksPerGroup + " blocks per group");
    check(
        inodesPerGroup > 0 && inodesPerGroup <= 8L * blockSize,
        inodesPerGroup + " inodes per group");
    check(
        inodeSize >= 128 && inodeSize <= blockSize && Integer.bitCount(inodeSize) == 1,
        "inode size " + inodeSize);
    check(
        descSize >= 32 && descSize <= 1024 && Integer.bitCount(descSize) == 1,
        "group descriptor size " + descSize);
    check(
        inodesCount >= 2 && inodesCount <= groups() * inodesPerGroup,
        inodesCount + " inodes in " + groups() + " groups");
    check(
        (1 + firstDataBlock) * blockSize + groups() * descSize <= blocksCount * blockSize,
        "group descriptors reach past the end");
  }

  private static void check(boolean ok, String what) throws GuestFsException {
    if (!ok) {
      throw new GuestFsException("ext superblock: " + what);
    }
  }

  long groups() {
    return (blocksCount - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
  }

  long sizeBytes() {
    return blocksCount * blockSize;
  }

  private static String type(long incompat, long roCompat, long compat) {
    long ext4Incompat = INCOMPAT_EXTENTS | INCOMPAT_64BIT | INCOMPAT_FLEX_BG | INCOMPAT_INLINE_DATA;
    if ((incompat & ext4Incompat) != 0 || (roCompat & RO_COMPAT_EXT4) != 0) {
      return "ext4";
    }
    return (compat & COMPAT_HAS_JOURNAL) != 0 ? "ext3" : "ext2";
  }

  private static String label(byte[] s) {
    int len = 0;
    while (len < 16 && s[0x78 + len] != 0) {
      len++;
    }
    return new String(s, 0x78, len, StandardCharsets.UTF_8).strip();
  }
}
