package io.sendense.image.guest.ext;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.Le;
import java.io.IOException;

/** Finds and reads inodes through the group descriptors, checking every location read. */
final class InodeTable {
  private final BlockDevice meta;
  private final Superblock sb;

  InodeTable(BlockDevice meta, Superblock sb) {
    this.meta = meta;
    this.sb = sb;
  }

  Inode read(long number) throws IOException {
    if (number < 1 || number > sb.inodesCount()) {
      throw new GuestFsException(
          "inode " + number + " is out of range (1.." + sb.inodesCount() + ")");
    }
    long group = (number - 1) / sb.inodesPerGroup();
    long index = (number - 1) % sb.inodesPerGroup();
    long table = inodeTableBlock(group);
    long itableBlocks =
        (sb.inodesPerGroup() * sb.inodeSize() + sb.blockSize() - 1) / sb.blockSize();
    if (table < 1 || table > sb.blocksCount() - itableBlocks) {
      throw new GuestFsException(
          "inode table of group " + group + " at block " + table + " lies outside the file system");
    }
    long at = table * sb.blockSize() + index * sb.inodeSize();
    return Inode.parse(number, meta.readBytes(at, sb.inodeSize()));
  }

  private long inodeTableBlock(long group) throws IOException {
    long at = (sb.firstDataBlock() + 1) * sb.blockSize() + group * sb.descSize();
    byte[] d = meta.readBytes(at, Math.min(sb.descSize(), 64));
    long lo = Le.u32(d, 0x8);
    return sb.descSize() >= 64 ? lo | Le.u32(d, 0x28) << 32 : lo;
  }
}
