package io.sendense.image.guest.fat;

import io.sendense.image.guest.Le;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the 32-byte entries of a FAT directory. VFAT long names are used only when every part is
 * present, in order, and carries the checksum of the short entry that follows; anything else falls
 * back to the short name, as Windows does.
 */
final class FatDirectory {
  static final int ATTR_VOLUME = 0x08;
  static final int ATTR_DIRECTORY = 0x10;
  private static final int ATTR_LFN = 0x0f;

  /** One entry; {@code modified} is null when the date is unset or invalid. */
  record Entry(String name, int attributes, long firstCluster, long size, Instant modified) {
    boolean isDirectory() {
      return (attributes & ATTR_DIRECTORY) != 0;
    }
  }

  /** The parsed entries and the volume label entry's text (root directory only), if any. */
  record Listing(List<Entry> entries, String label) {}

  private FatDirectory() {}

  static Listing parse(byte[] b, boolean fat32) {
    List<Entry> out = new ArrayList<>();
    String label = null;
    String[] parts = null;
    int checksum = -1;
    for (int off = 0; off + 32 <= b.length; off += 32) {
      int first = b[off] & 0xff;
      if (first == 0) {
        break;
      }
      int attr = b[off + 11] & 0xff;
      if (first == 0xe5) {
        parts = null;
      } else if ((attr & 0x3f) == ATTR_LFN) {
        int ord = first & 0x1f;
        if ((first & 0x40) != 0 && ord >= 1) {
          parts = new String[ord];
          checksum = b[off + 13] & 0xff;
        }
        if (parts != null && ord >= 1 && ord <= parts.length && (b[off + 13] & 0xff) == checksum) {
          parts[ord - 1] = lfnPart(b, off);
        } else {
          parts = null;
        }
      } else {
        if ((attr & ATTR_VOLUME) != 0 && (attr & ATTR_DIRECTORY) == 0) {
          label = BootSector.text(b, off, 11);
        } else {
          String name = longName(parts, checksum, b, off);
          if (!name.equals(".") && !name.equals("..")) {
            long hi = fat32 ? Le.u16(b, off + 20) : 0;
            out.add(
                new Entry(
                    name,
                    attr,
                    hi << 16 | Le.u16(b, off + 26),
                    Le.u32(b, off + 28),
                    time(Le.u16(b, off + 24), Le.u16(b, off + 22))));
          }
        }
        parts = null;
      }
    }
    return new Listing(out, label);
  }

  private static String longName(String[] parts, int checksum, byte[] b, int off) {
    if (parts != null && checksum == FatNames.checksum(b, off)) {
      boolean complete = true;
      for (String p : parts) {
        complete &= p != null;
      }
      if (complete) {
        String name = String.join("", parts);
        int nul = name.indexOf('\0');
        name = nul >= 0 ? name.substring(0, nul) : name.replace("\uffff", "");
        if (!name.isEmpty()) {
          return name;
        }
      }
    }
    return FatNames.shortName(b, off);
  }

  private static String lfnPart(byte[] b, int off) {
    byte[] chars = new byte[26];
    System.arraycopy(b, off + 1, chars, 0, 10);
    System.arraycopy(b, off + 14, chars, 10, 12);
    System.arraycopy(b, off + 28, chars, 22, 4);
    return new String(chars, StandardCharsets.UTF_16LE);
  }

  /** FAT stores local time without a zone; it is reported as if it were UTC. */
  static Instant time(int date, int time) {
    int year = 1980 + (date >> 9);
    int month = (date >> 5) & 0xf;
    int day = date & 0x1f;
    int hour = time >> 11;
    int minute = (time >> 5) & 0x3f;
    int second = (time & 0x1f) * 2;
    if (date == 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 + 3
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }
}
