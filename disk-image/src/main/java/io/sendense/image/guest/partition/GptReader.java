package io.sendense.image.guest.partition;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.Le;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads a GUID partition table: the header (CRC-checked) at LBA 1 for 512- or 4096-byte sectors,
 * falling back to the backup header at the end of the disk, then the CRC-checked entry array.
 */
final class GptReader {
  static final int MAX_ENTRIES = 4096;
  private static final long SIGNATURE = 0x5452415020494645L; // "EFI PART"

  private GptReader() {}

  /** Whether an "EFI PART" header lies at LBA 1 for either sector size. */
  static boolean present(BlockDevice disk) throws IOException {
    for (int sector : new int[] {512, 4096}) {
      if (disk.size() >= 3L * sector && Le.u64(disk.readBytes(sector, 8), 0) == SIGNATURE) {
        return true;
      }
    }
    return false;
  }

  static PartitionTable read(BlockDevice disk) throws IOException {
    List<String> warnings = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int sector : new int[] {512, 4096}) {
      if (disk.size() < 3L * sector) {
        continue;
      }
      long lastLba = disk.size() / sector - 1;
      try {
        return entries(disk, sector, header(disk, sector, 1), warnings);
      } catch (GuestFsException primary) {
        problems.add(primary.getMessage());
        try {
          PartitionTable t = entries(disk, sector, header(disk, sector, lastLba), warnings);
          warnings.add(0, "Primary GPT is damaged (" + primary.getMessage() + "); used the backup");
          return new PartitionTable(t.scheme(), t.partitions(), warnings);
        } catch (GuestFsException backup) {
          problems.add(backup.getMessage());
        }
      }
    }
    throw new GuestFsException("GPT: no valid header: " + String.join("; ", problems));
  }

  private record Header(long lba, long entriesLba, int count, int entrySize, long entriesCrc) {}

  private static Header header(BlockDevice disk, int sector, long lba) throws IOException {
    byte[] h = disk.readBytes(lba * sector, sector);
    String where = "header at LBA " + lba + " (" + sector + "-byte sectors)";
    if (Le.u64(h, 0) != SIGNATURE) {
      throw new GuestFsException(where + ": no EFI PART signature");
    }
    long size = Le.u32(h, 12);
    if (size < 92 || size > sector) {
      throw new GuestFsException(where + ": header size " + size + " out of range");
    }
    byte[] copy = java.util.Arrays.copyOf(h, (int) size);
    java.util.Arrays.fill(copy, 16, 20, (byte) 0);
    if (crc(copy, 0, copy.length) != Le.u32(h, 16)) {
      throw new GuestFsException(where + ": header CRC mismatch");
    }
    long count = Le.u32(h, 80);
    long entrySize = Le.u32(h, 84);
    long entriesLba = Le.u64(h, 72);
    if (count > MAX_ENTRIES || entrySize < 128 || entrySize > 4096 || entrySize % 8 != 0) {
      throw new GuestFsException(where + ": " + count + " entries of " + entrySize + " bytes");
    }
    if (entriesLba < 1
        || entriesLba > disk.size() / sector
        || count * entrySize > disk.size() - entriesLba * sector) {
      throw new GuestFsException(where + ": entry array at LBA " + entriesLba + " is outside");
    }
    return new Header(lba, entriesLba, (int) count, (int) entrySize, Le.u32(h, 88));
  }

  private static PartitionTable entries(
      BlockDevice disk, int sector, Header h, List<String> warnings) throws IOException {
    byte[] all = disk.readBytes(h.entriesLba() * sector, h.count() * h.entrySize());
    if (crc(all, 0, all.length) != h.entriesCrc()) {
      throw new GuestFsException("entry array of header at LBA " + h.lba() + ": CRC mismatch");
    }
    long sectors = disk.size() / sector;
    List<Partition> parts = new ArrayList<>();
    for (int i = 0; i < h.count(); i++) {
      int at = i * h.entrySize();
      String type = guid(all, at);
      if (type.equals("00000000-0000-0000-0000-000000000000")) {
        continue;
      }
      long first = Le.u64(all, at + 32);
      long last = Le.u64(all, at + 40);
      if (first < 1 || last < first || last >= sectors) {
        warnings.add(
            "GPT entry "
                + (i + 1)
                + " (LBA "
                + first
                + ".."
                + last
                + ") lies outside the disk; skipped");
        continue;
      }
      parts.add(
          new Partition(
              i + 1,
              first * sector,
              (last - first + 1) * sector,
              type,
              PartitionTypes.gpt(type),
              name(all, at + 56)));
    }
    return new PartitionTable(PartitionTable.Scheme.GPT, parts, warnings);
  }

  static long crc(byte[] b, int off, int len) {
    CRC32 crc = new CRC32();
    crc.update(b, off, len);
    return crc.getValue();
  }

  /** A GUID in its usual text form; the first three fields are stored little-endian. */
  static String guid(byte[] b, int at) {
    return String.format(
        "%08x-%04x-%04x-%02x%02x-%s",
        Le.u32(b, at),
        Le.u16(b, at + 4),
        Le.u16(b, at + 6),
        b[at + 8] & 0xff,
        b[at + 9] & 0xff,
        java.util.HexFormat.of().formatHex(b, at + 10, at + 16));
  }

  private static String name(byte[] b, int at) {
    String s = new String(b, at, 72, StandardCharsets.UTF_16LE);
    int nul = s.indexOf('\0');
    return nul >= 0 ? s.substring(0, nul) : s;
  }
}
