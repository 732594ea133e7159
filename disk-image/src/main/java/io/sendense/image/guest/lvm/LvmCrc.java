package io.sendense.image.guest.lvm;

/** LVM2's checksum: CRC-32 (reflected, 0xEDB88320) seeded with 0xf597a6cf, no final inversion. */
final class LvmCrc {
  static final int INITIAL = 0xf597a6cf;
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int c = i;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      }
      TABLE[i] = c;
    }
  }

  private LvmCrc() {}

  static int of(byte[] b, int off, int len) {
    int crc = INITIAL;
    for (int i = off; i < off + len; i++) {
      crc = TABLE[(crc ^ b[i]) & 0xff] ^ (crc >>> 8);
    }
    return crc;
  }
}
