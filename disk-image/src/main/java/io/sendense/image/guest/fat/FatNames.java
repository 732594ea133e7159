package io.sendense.image.guest.fat;

import java.nio.charset.Charset;
import java.util.Locale;

/** 8.3 short names (OEM code page 437, with the case flags Windows NT sets) and their checksum. */
final class FatNames {
  static final Charset OEM = oem();

  private static final int LOWER_BASE = 0x08;
  private static final int LOWER_EXT = 0x10;

  private FatNames() {}

  /** The short name of the 32-byte entry at {@code off}, e.g. {@code readme.txt}. */
  static String shortName(byte[] b, int off) {
    byte[] raw = java.util.Arrays.copyOfRange(b, off, off + 11);
    if ((raw[0] & 0xff) == 0x05) {
      raw[0] = (byte) 0xe5;
    }
    int flags = b[off + 12] & 0xff;
    String base = new String(raw, 0, 8, OEM).stripTrailing();
    String ext = new String(raw, 8, 3, OEM).stripTrailing();
    if ((flags & LOWER_BASE) != 0) {
      base = base.toLowerCase(Locale.ROOT);
    }
    if ((flags & LOWER_EXT) != 0) {
      ext = ext.toLowerCase(Locale.ROOT);
    }
    return ext.isEmpty() ? base : base + "." + ext;
  }

  /** The checksum of the 11 raw short-name bytes that long-name entries carry. */
  static int checksum(byte[] b, int off) {
    int sum = 0;
    for (int i = 0; i < 11; i++) {
      sum = (((sum & 1) << 7) + (sum >> 1) + (b[off + i] & 0xff)) & 0xff;
    }
    return sum;
  }

  private static Charset oem() {
    try {
      return Charset.forName("IBM437");
    } catch (IllegalArgumentException e) {
      return java.nio.charset.StandardCharsets.ISO_8859_1;
    }
  }
}
