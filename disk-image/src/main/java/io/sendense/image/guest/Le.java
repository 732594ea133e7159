package io.sendense.image.guest;

/** Little-endian field access on guest structures, with the offsets checked by the array. */
public final class Le {
  private Le() {}

  public static int u8(byte[] b, int off) {
    return b[off] & 0xff;
  }

  public static int u16(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
  }

  public static long u32(byte[] b, int off) {
    return (u16(b, off) | (long) u16(b, off + 2) << 16) & 0xffffffffL;
  }

  public static long u64(byte[] b, int off) {
    return u32(b, off) | u32(b, off + 4) << 32;
  }
}
