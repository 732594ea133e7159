package io.sendense.image.guest.fat;

import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.Le;

/** The BIOS parameter block of a FAT12/16/32 volume and the layout derived from it. */
record BootSector(
    String type,
    int bits,
    int bytesPerSector,
    int clusterSize,
    long fatOffset,
    long fatBytes,
    long rootDirOffset,
    int rootEntries,
    long rootCluster,
    long dataOffset,
    long clusterCount,
    long totalBytes,
    String label) {

  /** Whether sector 0 looks like a FAT boot sector at all. */
  static boolean matches(byte[] s) {
    int jump = s[0] & 0xff;
    int bps = Le.u16(s, 11);
    int spc = Le.u8(s, 13);
    return (jump == 0xeb || jump == 0xe9)
        && Le.u16(s, 510) == 0xaa55
        && bps >= 512
        && bps <= 4096
        && Integer.bitCount(bps) == 1
        && spc >= 1
        && spc <= 128
        && Integer.bitCount(spc) == 1
        && Le.u16(s, 14) >= 1
        && Le.u8(s, 16) >= 1
        && Le.u8(s, 16) <= 4
        && (Le.u16(s, 22) != 0 || Le.u32(s, 36) != 0);
  }

  static BootSector parse(byte[] s, long deviceSize) throws GuestFsException {
    int bps = Le.u16(s, 11);
    int spc = Le.u8(s, 13);
    long reserved = Le.u16(s, 14);
    int fats = Le.u8(s, 16);
    int rootEntries = Le.u16(s, 17);
    long total = Le.u16(s, 19) != 0 ? Le.u16(s, 19) : Le.u32(s, 32);
    boolean fat32Layout = Le.u16(s, 22) == 0;
    long fatSectors = fat32Layout ? Le.u32(s, 36) : Le.u16(s, 22);
    long rootSectors = (rootEntries * 32L + bps - 1) / bps;
    long firstData = reserved + fats * fatSectors + rootSectors;
    if (total <= firstData || total * bps > deviceSize) {
      throw new GuestFsException(
          "FAT boot sector: "
              + total
              + " sectors of "
              + bps
              + " bytes do not fit the "
              + deviceSize
              + "-byte device (data starts at sector "
              + firstData
              + ")");
    }
    long clusters = (total - firstData) / spc;
    int bits = clusters < 4085 ? 12 : clusters < 65525 ? 16 : 32;
    if ((bits == 32) != fat32Layout) {
      throw new GuestFsException(
          "FAT boot sector: "
              + clusters
              + " clusters but a FAT"
              + (fat32Layout ? "32" : "12/16")
              + " layout");
    }
    if (fatSectors * bps * 8 / bits < clusters + 2) {
      throw new GuestFsException(
          "FAT boot sector: the FAT is too small for " + clusters + " clusters");
    }
    long rootCluster = bits == 32 ? Le.u32(s, 44) & 0x0fffffffL : 0;
    if (bits == 32 && (rootCluster < 2 || rootCluster >= clusters + 2)) {
      throw new GuestFsException(
          "FAT32 boot sector: root cluster " + rootCluster + " out of range");
    }
    int labelAt = bits == 32 ? 71 : 43;
    int sigAt = bits == 32 ? 66 : 38;
    String label = (s[sigAt] & 0xff) == 0x29 ? text(s, labelAt, 11) : "";
    return new BootSector(
        "fat" + bits,
        bits,
        bps,
        bps * spc,
        reserved * bps,
        fatSectors * bps,
        (reserved + fats * fatSectors) * bps,
        rootEntries,
        rootCluster,
        firstData * bps,
        clusters,
        total * bps,
        label.equals("NO NAME") ? "" : label);
  }

  /** Byte offset of a data cluster (numbered from 2). */
  long clusterOffset(long cluster) {
    return dataOffset + (cluster - 2) * clusterSize;
  }

  static String text(byte[] b, int off, int len) {
    return new String(b, off, len, FatNames.OEM).strip();
  }
}
