package io.sendense.image.guest.xfs;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32C;

/** The primary XFS superblock of a v5 (CRC-enabled) file system, checked for sane geometry. */
record Superblock(
    int blockSize,
    long dataBlocks,
    long rootInode,
    long agBlocks,
    long agCount,
    int inodeSize,
    int inodesPerBlockLog,
    int agBlockLog,
    int dirBlockSize,
    boolean ftype,
    boolean bigtime,
    String label) {
  private static final int FTYPE = 0x1;
  private static final int BIGTIME = 0x8;

  static Optional<Superblock> read(BlockDevice device) throws IOException {
    if (device.size() < 512) {
      return Optional.empty();
    }
    byte[] raw = device.readBytes(0, 512);
    ByteBuffer b = ByteBuffer.wrap(raw);
    if (b.getInt(0) != 0x58465342) {
      return Optional.empty();
    }
    if ((b.getShort(100) & 0xf) != 5) {
      throw new GuestFsException("XFS version " + (b.getShort(100) & 0xf) + " is not v5");
    }
    int sectSize = b.getShort(102) & 0xffff;
    if (sectSize < 512
        || sectSize > 32768
        || Integer.bitCount(sectSize) != 1
        || device.size() < sectSize) {
      throw new GuestFsException("XFS superblock: sector size " + sectSize);
    }
    checkCrc(device.readBytes(0, sectSize));
    return Optional.of(parse(b, device.size()));
  }

  private static void checkCrc(byte[] sector) throws GuestFsException {
    ByteBuffer b = ByteBuffer.wrap(sector);
    int stored = Integer.reverseBytes(b.getInt(224));
    b.putInt(224, 0);
    CRC32C crc = new CRC32C();
    crc.update(sector);
    if ((int) crc.getValue() != stored) {
      throw new GuestFsException("XFS superblock checksum does not match");
    }
  }

  private static Superblock parse(ByteBuffer b, long deviceSize) throws GuestFsException {
    int blockSize = b.getInt(4);
    long dblocks = b.getLong(8);
    long agBlocks = b.getInt(84) & 0xffffffffL;
    long agCount = b.getInt(88) & 0xffffffffL;
    int inodeSize = b.getShort(104) & 0xffff;
    int blockLog = b.get(120);
    int inopbLog = b.get(123);
    int agBlkLog = b.get(124);
    int dirBlkLog = b.get(192);
    if (blockSize < 512 || blockSize > 65536 || 1 << blockLog != blockSize) {
      throw new GuestFsException("XFS superblock: block size " + blockSize);
    }
    if (inodeSize < 256
        || inodeSize > 2048
        || Integer.bitCount(inodeSize) != 1
        || 1 << inopbLog != blockSize / inodeSize) {
      throw new GuestFsException("XFS superblock: inode size " + inodeSize);
    }
    if (agBlocks < 16
        || agBlkLog < 4
        || agBlkLog > 31
        || agBlocks > 1L << agBlkLog
        || agBlocks <= 1L << (agBlkLog - 1)
        || dirBlkLog < 0
        || dirBlkLog > 6) {
      throw new GuestFsException("XFS superblock: allocation group geometry is invalid");
    }
    if (dblocks <= 0
        || agCount < 1
        || dblocks > deviceSize / blockSize
        || (agCount - 1) * agBlocks >= dblocks) {
      throw new GuestFsException("XFS superblock: " + dblocks + " blocks do not fit the device");
    }
    int incompat = b.getInt(216);
    byte[] name = new byte[12];
    b.get(108, name);
    String label = new String(name, StandardCharsets.UTF_8).replace("\0", "");
    return new Superblock(
        blockSize,
        dblocks,
        b.getLong(56),
        agBlocks,
        agCount,
        inodeSize,
        inopbLog,
        agBlkLog,
        blockSize << dirBlkLog,
        (incompat & FTYPE) != 0,
        (incompat & BIGTIME) != 0,
        label);
  }

  long sizeBytes() {
    return dataBlocks * blockSize;
  }

  /** The byte offset of a file system block number (AG number in the high bits). */
  long blockOffset(long fsBlock) throws GuestFsException {
    long ag = fsBlock >>> agBlockLog;
    long agBlock = fsBlock & ((1L << agBlockLog) - 1);
    if (ag >= agCount || agBlock >= agBlocks) {
      throw new GuestFsException("XFS block " + fsBlock + " lies outside the file system");
    }
    long linear = ag * agBlocks + agBlock;
    if (linear >= dataBlocks) {
      throw new GuestFsException("XFS block " + fsBlock + " lies past the last block");
    }
    return linear * blockSize;
  }

  /** The byte offset of an inode: AG number, block in the AG, slot in the block. */
  long inodeOffset(long inode) throws GuestFsException {
    long slot = inode & ((1L << inodesPerBlockLog) - 1);
    long fsBlock = inode >>> inodesPerBlockLog;
    if (inode <= 0 || fsBlock >>> agBlockLog >= agCount) {
      throw new GuestFsException("XFS inode " + inode + " lies outside the file system");
    }
    return blockOffset(fsBlock) + slot * inodeSize;
  }
}
