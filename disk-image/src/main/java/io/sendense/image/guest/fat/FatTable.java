package io.sendense.image.guest.fat;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.Le;
import java.io.IOException;

/** The first copy of the file allocation table, read entry by entry through the metadata cache. */
final class FatTable {
  /** Returned by {@link #next} at the end of a chain. */
  static final long END = -1;

  private final BlockDevice meta;
  private final BootSector bs;

  FatTable(BlockDevice meta, BootSector bs) {
    this.meta = meta;
    this.bs = bs;
  }

  boolean valid(long cluster) {
    return cluster >= 2 && cluster < bs.clusterCount() + 2;
  }

  /** The cluster after {@code cluster}, or {@link #END}. */
  long next(long cluster, String path) throws IOException {
    if (!valid(cluster)) {
      throw new GuestFsException(path + ": cluster " + cluster + " is out of range");
    }
    long value;
    long eoc;
    switch (bs.bits()) {
      case 12 -> {
        long at = cluster + cluster / 2;
        int v = Le.u16(meta.readBytes(bs.fatOffset() + at, 2), 0);
        value = (cluster & 1) == 1 ? v >> 4 : v & 0xfff;
        eoc = 0xff8;
      }
      case 16 -> {
        value = Le.u16(meta.readBytes(bs.fatOffset() + cluster * 2, 2), 0);
        eoc = 0xfff8;
      }
      default -> {
        value = Le.u32(meta.readBytes(bs.fatOffset() + cluster * 4, 4), 0) & 0x0fffffffL;
        eoc = 0x0ffffff8;
      }
    }
    if (value >= eoc) {
      return END;
    }
    if (!valid(value)) {
      throw new GuestFsException(
          path
              + ": cluster chain is broken after cluster "
              + cluster
              + String.format(" (FAT entry 0x%x)", value));
    }
    return value;
  }
}
