package io.sendense.image.qcow2;

import static io.sendense.image.qcow2.Qcow2Format.*;

/**
 * Decoding and encoding of 64-bit L2 entries. Kept as static functions on {@code long} because the
 * read path looks at millions of entries and must not allocate per cluster.
 */
final class L2Entry {
  /** An L2 entry that reads as zeros whatever the backing file holds (version 3 only). */
  static final long ZERO = OFLAG_ZERO;

  private L2Entry() {}

  static boolean unallocated(long entry) {
    return entry == 0;
  }

  static boolean compressed(long entry) {
    return (entry & OFLAG_COMPRESSED) != 0;
  }

  /** True for an entry that reads as zeros in this file (zero flag, no data). */
  static boolean zero(long entry) {
    return !compressed(entry) && (entry & OFLAG_ZERO) != 0;
  }

  /** Host offset of a plain data cluster, or 0 if the entry holds none. */
  static long dataOffset(long entry) {
    return compressed(entry) || zero(entry) ? 0 : entry & OFFSET_MASK;
  }

  static long data(long hostOffset) {
    return hostOffset | OFLAG_COPIED;
  }

  static long compressedOffset(long entry, int clusterBits) {
    return entry & ((1L << compressedOffsetBits(clusterBits)) - 1);
  }

  /** Bytes to read for a compressed cluster, as qemu counts them (whole 512-byte sectors). */
  static int compressedLength(long entry, int clusterBits) {
    int x = compressedOffsetBits(clusterBits);
    long sectors = ((entry & ~OFLAG_COPIED & ~OFLAG_COMPRESSED) >>> x) + 1;
    return (int) (sectors * 512 - (compressedOffset(entry, clusterBits) & 511));
  }

  static long compressed(long hostOffset, int length, int clusterBits) {
    long extraSectors = ((hostOffset + length - 1) >> 9) - (hostOffset >> 9);
    return OFLAG_COMPRESSED | (extraSectors << compressedOffsetBits(clusterBits)) | hostOffset;
  }
}
