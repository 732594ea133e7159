package io.sendense.image.guest.partition;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.Le;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a DOS (MBR) partition table: four primary entries and the chain of extended boot records
 * that holds logical partitions. The chain is followed with a visited set and a count limit, so a
 * looping or endless chain ends with a warning instead of a hang.
 */
final class MbrReader {
  static final int SECTOR = 512;
  static final int MAX_LOGICAL = 128;
  private static final int TABLE = 446;

  private MbrReader() {}

  /** Whether sector 0 is a partition table (and not a file system's boot sector, not blank). */
  static boolean hasTable(byte[] s0) {
    if (Le.u16(s0, 510) != 0xaa55 || looksLikeBootSector(s0)) {
      return false;
    }
    boolean any = false;
    for (int i = 0; i < 4; i++) {
      int status = Le.u8(s0, TABLE + 16 * i);
      if (status != 0 && status != 0x80) {
        return false;
      }
      any |= Le.u8(s0, TABLE + 16 * i + 4) != 0;
    }
    return any;
  }

  static boolean isProtective(byte[] s0) {
    for (int i = 0; i < 4; i++) {
      if (Le.u8(s0, TABLE + 16 * i + 4) == 0xee) {
        return true;
      }
    }
    return false;
  }

  /** A FAT or NTFS boot sector on an unpartitioned disk also ends in 55 AA. */
  private static boolean looksLikeBootSector(byte[] s0) {
    boolean jump = (s0[0] & 0xff) == 0xeb && (s0[2] & 0xff) == 0x90 || (s0[0] & 0xff) == 0xe9;
    int bps = Le.u16(s0, 11);
    boolean sector = bps == 512 || bps == 1024 || bps == 2048 || bps == 4096;
    boolean fat = Le.u16(s0, 14) > 0 && (Le.u8(s0, 16) == 1 || Le.u8(s0, 16) == 2);
    boolean ntfs =
        new String(s0, 3, 8, java.nio.charset.StandardCharsets.US_ASCII).equals("NTFS    ");
    return jump && sector && (fat || ntfs);
  }

  static PartitionTable read(BlockDevice disk, byte[] s0) throws IOException {
    List<Partition> parts = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    long sectors = disk.size() / SECTOR;
    for (int i = 0; i < 4; i++) {
      int at = TABLE + 16 * i;
      int type = Le.u8(s0, at + 4);
      long start = Le.u32(s0, at + 8);
      long count = Le.u32(s0, at + 12);
      if (type == 0 || count == 0) {
        continue;
      }
      if (start + count > sectors || start == 0) {
        warnings.add(outside("Partition " + (i + 1), start, count, sectors));
        continue;
      }
      if (PartitionTypes.isExtended(type)) {
        logical(disk, start, count, parts, warnings);
      } else {
        parts.add(partition(i + 1, start, count, type));
      }
    }
    parts.sort(java.util.Comparator.comparingInt(Partition::number));
    return new PartitionTable(PartitionTable.Scheme.MBR, parts, warnings);
  }

  private static void logical(
      BlockDevice disk, long extStart, long extCount, List<Partition> parts, List<String> warnings)
      throws IOException {
    Set<Long> visited = new HashSet<>();
    long ebr = extStart;
    int number = 5;
    while (ebr != 0) {
      if (!visited.add(ebr) || visited.size() > MAX_LOGICAL) {
        warnings.add("The chain of logical partitions loops or is too long at sector " + ebr);
        return;
      }
      byte[] s = disk.readBytes(ebr * SECTOR, SECTOR);
      if (Le.u16(s, 510) != 0xaa55) {
        warnings.add("Extended boot record at sector " + ebr + " has no signature");
        return;
      }
      int type = Le.u8(s, TABLE + 4);
      long start = ebr + Le.u32(s, TABLE + 8);
      long count = Le.u32(s, TABLE + 12);
      if (type != 0 && count != 0) {
        if (start <= ebr || start + count > extStart + extCount) {
          warnings.add(outside("Logical partition " + number, start, count, extStart + extCount));
        } else {
          parts.add(partition(number, start, count, type));
        }
        number++;
      }
      long next = Le.u32(s, TABLE + 16 + 8);
      boolean link = PartitionTypes.isExtended(Le.u8(s, TABLE + 16 + 4)) && next != 0;
      if (link && next >= extCount) {
        warnings.add(
            "Extended boot record link at sector "
                + ebr
                + " points outside the extended partition");
        return;
      }
      ebr = link ? extStart + next : 0;
    }
  }

  private static Partition partition(int number, long start, long count, int type) {
    return new Partition(
        number,
        start * SECTOR,
        count * SECTOR,
        String.format("0x%02x", type),
        PartitionTypes.mbr(type),
        "");
  }

  private static String outside(String what, long start, long count, long limit) {
    return what
        + " (sectors "
        + start
        + " +"
        + count
        + ") lies outside its disk or container ("
        + limit
        + " sectors); skipped";
  }
}
